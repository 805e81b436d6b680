using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

[Collection(GatewayCollection.Name)]
public sealed class IssuerRoutesTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Issuer_opens_reads_and_changes_an_account()
    {
        var holder = TestHolder.New();
        var accountId = Flows.NewId("acct");
        var opened = await fixture.Issuer.Post("/v1/accounts", new { accountId, holder = holder.Body, creditLimit = new { amount = 500_000, currency = "CNY" }, creditScore = 700 });
        Assert.Equal(201, opened.Status);
        Assert.Equal(accountId, opened.Str("accountId"));
        Assert.Equal("active", opened.Str("status"));
        Assert.Equal(500_000, opened.Amount("creditLimit"));
        Assert.Equal(500_000, opened.Amount("available"));
        Assert.Equal(0, opened.Amount("pending"));
        Assert.Equal(0, opened.Amount("posted"));
        Assert.Equal(0, opened.Amount("overLimit"));
        Assert.DoesNotContain(holder.IdNumber, opened.Text);
        Assert.DoesNotContain(holder.Phone, opened.Text);

        var read = await fixture.Issuer.Get($"/v1/accounts/{accountId}");
        Assert.Equal(200, read.Status);
        Assert.Equal(opened.Text, read.Text);

        var raised = await fixture.Issuer.Put($"/v1/accounts/{accountId}/credit-limit", new { creditLimit = new { amount = 800_000, currency = "CNY" } });
        Assert.Equal(200, raised.Status);
        Assert.Equal(800_000, raised.Amount("creditLimit"));
        Assert.Equal(800_000, raised.Amount("available"));

        var frozen = await fixture.Issuer.Post($"/v1/accounts/{accountId}/freeze", new { });
        Assert.Equal(200, frozen.Status);
        Assert.Equal("frozen", frozen.Str("status"));
        var unfrozen = await fixture.Issuer.Post($"/v1/accounts/{accountId}/unfreeze", new { });
        Assert.Equal(200, unfrozen.Status);
        Assert.Equal("active", unfrozen.Str("status"));
    }

    [Fact]
    public async Task Issuer_issues_a_card_whose_number_is_returned_once()
    {
        var card = await Flows.OpenCard(fixture);
        Assert.Equal(16, card.CardNumber.Length);
        Assert.True(SensitiveValues.IsLuhnValid(card.CardNumber));

        var read = await fixture.Issuer.Get($"/v1/cards/{card.CardId}");
        Assert.Equal(200, read.Status);
        Assert.Equal(card.CardId, read.Str("cardId"));
        Assert.Equal(card.AccountId, read.Str("accountId"));
        Assert.Equal(card.CardNumber[^4..], read.Str("last4"));
        Assert.Matches("^[0-1][0-9]/[0-9]{2}$", read.Str("expiry"));
        Assert.Equal("active", read.Str("status"));
        Assert.Null(read.Body!["cardNumber"]);
        Assert.DoesNotContain(card.CardNumber, read.Text);
    }

    [Fact]
    public async Task Issuer_freezes_unfreezes_and_cancels_a_card()
    {
        var card = await Flows.OpenCard(fixture);
        Assert.Equal("frozen", (await fixture.Issuer.Post($"/v1/cards/{card.CardId}/freeze", new { })).Str("status"));
        Assert.Equal("active", (await fixture.Issuer.Post($"/v1/cards/{card.CardId}/unfreeze", new { })).Str("status"));
        var cancelled = await fixture.Issuer.Post($"/v1/cards/{card.CardId}/cancel", new { });
        Assert.Equal(200, cancelled.Status);
        Assert.Equal("cancelled", cancelled.Str("status"));
    }

    [Fact]
    public async Task Issuer_lists_suspends_and_resumes_grants_without_seeing_wallet_tokens()
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, token) = await Flows.Bind(fixture, fixture.Alipay, card);

        var list = await fixture.Issuer.Get($"/v1/cards/{card.CardId}/grants");
        Assert.Equal(200, list.Status);
        var grants = list.Body!["grants"]!.AsArray();
        var grant = Assert.Single(grants);
        Assert.Equal(grantId, grant!["grantId"]!.GetValue<string>());
        Assert.Equal("alipay", grant["channel"]!.GetValue<string>());
        Assert.Null(grant["walletToken"]);
        Assert.DoesNotContain(token, list.Text);

        var suspended = await fixture.Issuer.Post($"/v1/grants/{grantId}/suspend", new { });
        Assert.Equal(200, suspended.Status);
        Assert.Equal("suspended", suspended.Str("status"));
        var declined = await Flows.Authorize(fixture.Alipay, grantId, 100);
        Assert.Equal(200, declined.Status);
        Assert.Equal("declined", declined.Str("decision"));
        Assert.Equal("grant_not_active", declined.Str("reason"));

        var resumed = await fixture.Issuer.Post($"/v1/grants/{grantId}/resume", new { });
        Assert.Equal("active", resumed.Str("status"));
        Assert.Equal("approved", (await Flows.Authorize(fixture.Alipay, grantId, 100)).Str("decision"));
    }
}
