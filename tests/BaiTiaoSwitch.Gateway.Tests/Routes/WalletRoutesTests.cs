using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

[Collection(GatewayCollection.Name)]
public sealed class WalletRoutesTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Wallet_pays_captures_reverses_and_refunds_through_its_grant()
    {
        var card = await Flows.OpenCard(fixture, limit: 100_000);
        var (grantId, token) = await Flows.Bind(fixture, fixture.Alipay, card);

        var grant = await fixture.Alipay.Get($"/v1/grants/{grantId}");
        Assert.Equal(200, grant.Status);
        Assert.Equal(token, grant.Str("walletToken"));
        Assert.Equal(card.CardId, grant.Str("cardId"));
        Assert.Equal(card.CardNumber[^4..], grant.Str("last4"));
        Assert.NotEqual(card.CardNumber, token);

        var authorized = await Flows.Authorize(fixture.Alipay, grantId, 30_000);
        Assert.Equal(200, authorized.Status);
        Assert.Equal("approved", authorized.Str("decision"));
        Assert.Equal("pending", authorized.Str("status"));
        Assert.Null(authorized.Body!["reason"]);
        Assert.Equal(30_000, authorized.Amount("amount"));
        Assert.Equal(70_000, authorized.Amount("availableCredit"));
        var authorizationId = authorized.Str("authorizationId");
        Assert.Equal(grantId, authorized.Str("grantId"));

        var byToken = await fixture.Alipay.Post("/v1/authorizations", new { walletToken = token, amount = new { amount = 1_000, currency = "CNY" }, merchant = Flows.Merchant });
        Assert.Equal("approved", byToken.Str("decision"));
        Assert.Equal(grantId, byToken.Str("grantId"));

        var read = await fixture.Alipay.Get($"/v1/authorizations/{authorizationId}");
        Assert.Equal(200, read.Status);
        Assert.Equal(authorizationId, read.Str("authorizationId"));

        var incremented = await fixture.Alipay.Post($"/v1/authorizations/{authorizationId}/increments", new { amount = new { amount = 5_000, currency = "CNY" } });
        Assert.Equal(200, incremented.Status);
        Assert.Equal(35_000, incremented.Amount("amount"));

        var captured = await fixture.Alipay.Post($"/v1/authorizations/{authorizationId}/captures", new { amount = new { amount = 20_000, currency = "CNY" }, final = false });
        Assert.Equal(201, captured.Status);
        Assert.Equal(authorizationId, captured.Str("authorizationId"));
        Assert.Equal(20_000, captured.Amount("amount"));
        Assert.False(captured.Body!["overLimit"]!.GetValue<bool>());
        var captureId = captured.Str("captureId");

        var reversed = await fixture.Alipay.Post($"/v1/authorizations/{authorizationId}/reversals", new { amount = new { amount = 5_000, currency = "CNY" } });
        Assert.Equal(200, reversed.Status);
        Assert.Equal(5_000, reversed.Amount("reversed"));
        Assert.Equal(20_000, reversed.Amount("captured"));

        var rest = await fixture.Alipay.Post($"/v1/authorizations/{authorizationId}/reversals", new { });
        Assert.Equal(200, rest.Status);
        Assert.Equal(15_000, rest.Amount("reversed"));
        Assert.Equal("closed", rest.Str("status"));

        var refunded = await fixture.Alipay.Post($"/v1/captures/{captureId}/refunds", new { amount = new { amount = 7_000, currency = "CNY" } });
        Assert.Equal(201, refunded.Status);
        Assert.Equal(captureId, refunded.Str("captureId"));
        Assert.Equal(7_000, refunded.Amount("amount"));

        var account = await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}");
        Assert.Equal(13_000, account.Amount("posted"));
        Assert.Equal(1_000, account.Amount("pending"));
        Assert.Equal(86_000, account.Amount("available"));
    }

    [Fact]
    public async Task Reversing_an_uncaptured_hold_in_full_marks_it_reversed_and_restores_the_credit()
    {
        var card = await Flows.OpenCard(fixture, limit: 100_000);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var authorizationId = (await Flows.Authorize(fixture.Alipay, grantId, 40_000)).Str("authorizationId");
        var reversed = await fixture.Alipay.Post($"/v1/authorizations/{authorizationId}/reversals", new { });
        Assert.Equal(200, reversed.Status);
        Assert.Equal("reversed", reversed.Str("status"));
        Assert.Equal(40_000, reversed.Amount("reversed"));
        Assert.Equal(100_000, reversed.Amount("availableCredit"));
    }

    [Fact]
    public async Task A_decline_is_200_with_a_reason()
    {
        var card = await Flows.OpenCard(fixture, limit: 10_000);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var declined = await Flows.Authorize(fixture.Alipay, grantId, 10_001);
        Assert.Equal(200, declined.Status);
        Assert.Equal("declined", declined.Str("decision"));
        Assert.Equal("declined", declined.Str("status"));
        Assert.Equal("insufficient_credit", declined.Str("reason"));
    }

    [Fact]
    public async Task Revoking_a_grant_declines_its_next_payment_while_another_wallet_still_pays()
    {
        var card = await Flows.OpenCard(fixture);
        var (alipayGrant, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var (wechatGrant, _) = await Flows.Bind(fixture, fixture.Wechat, card);

        var revoked = await fixture.Alipay.Delete($"/v1/grants/{alipayGrant}");
        Assert.Equal(200, revoked.Status);
        Assert.Equal("revoked", revoked.Str("status"));

        var declined = await Flows.Authorize(fixture.Alipay, alipayGrant, 100);
        Assert.Equal("declined", declined.Str("decision"));
        Assert.Equal("grant_not_active", declined.Str("reason"));
        Assert.Equal("approved", (await Flows.Authorize(fixture.Wechat, wechatGrant, 100)).Str("decision"));
    }
}
