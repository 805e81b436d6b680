using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

/// <summary>PUT /v1/accounts/{accountId}/credit-score over HTTP, as API.md spells it, on the real gateway and cluster.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CreditScoreRoutesTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Issuer_lowers_a_score_the_limit_follows_its_band_approvals_stop_above_it_and_a_credit_score_drop_alert_is_listed()
    {
        var card = await Flows.OpenCard(fixture, limit: 10_000);
        Assert.Equal(720, (await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}")).Body!["creditScore"]!.GetValue<int>());
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        Assert.Equal("approved", (await Flows.Authorize(fixture.Alipay, grantId, 6_000)).Str("decision"));

        var dropped = await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-score", new { creditScore = 550 });
        Assert.Equal(200, dropped.Status);
        Assert.Equal((550, 5_000L, -1_000L, 6_000L), (dropped.Body!["creditScore"]!.GetValue<int>(), dropped.Amount("creditLimit"), dropped.Amount("available"), dropped.Amount("pending")));
        Assert.Equal("insufficient_credit", (await Flows.Authorize(fixture.Alipay, grantId, 1)).Str("reason"));

        var raisedLimit = await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", new { creditLimit = new { amount = 30_000, currency = "CNY" } });
        // A limit the issuer sets is in force as set: the issuer sets it knowing the score.
        Assert.Equal((200, 30_000L), (raisedLimit.Status, raisedLimit.Amount("creditLimit")));

        var listed = await AlertListing.UntilSingleListed(fixture.Issuer, $"/v1/alerts?accountId={card.AccountId}&kind=credit_score_drop");
        var alert = listed.Body!["alerts"]![0]!;
        Assert.Equal(("credit_score_drop", "high", card.AccountId, "none"),
            (alert["kind"]!.GetValue<string>(), alert["severity"]!.GetValue<string>(), alert["accountId"]!.GetValue<string>(), alert["action"]!.GetValue<string>()));
        Assert.Equal(403, (await fixture.Alipay.Put($"/v1/accounts/{card.AccountId}/credit-score", new { creditScore = 800 })).Status);
        Assert.Equal(404, (await fixture.Issuer.Put($"/v1/accounts/{Flows.NewId("acct")}/credit-score", new { creditScore = 800 })).Status);
    }

    public static TheoryData<string> BadBodies => new()
    {
        """{"creditScore":1001}""",
        """{"creditScore":-1}""",
        """{"creditScore":700.5}""",
        """{"creditScore":"700"}""",
        """{"creditScore":null}""",
        """{}""",
        """{"creditScore":700,"reason":"bureau"}""",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_score_is_400_invalid_request_and_changes_nothing(string body)
    {
        var card = await Flows.OpenCard(fixture, limit: 10_000);
        var refused = await fixture.Issuer.Send(HttpMethod.Put, $"/v1/accounts/{card.AccountId}/credit-score", System.Text.Encoding.UTF8.GetBytes(body), SignedClient.NewKey());
        Assert.Equal(400, refused.Status);
        Assert.Equal("invalid_request", refused.Str("code"));

        var read = await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}");
        Assert.Equal((720, 10_000L), (read.Body!["creditScore"]!.GetValue<int>(), read.Amount("creditLimit")));
    }
}
