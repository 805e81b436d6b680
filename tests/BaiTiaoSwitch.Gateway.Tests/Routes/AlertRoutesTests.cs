using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

[Collection(GatewayCollection.Name)]
public sealed class AlertRoutesTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Issuer_lists_the_over_limit_alert_of_a_forced_posting_and_resolves_it_as_fraud()
    {
        var card = await Flows.OpenCard(fixture, limit: 1_000);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var paid = await Flows.Authorize(fixture.Alipay, grantId, 1_000);
        Assert.Equal("approved", paid.Str("decision"));
        var captured = await fixture.Alipay.Post($"/v1/authorizations/{paid.Str("authorizationId")}/captures", new { amount = new { amount = 1_100, currency = "CNY" }, final = true });
        Assert.Equal(201, captured.Status);

        // The alert reaches the store through the event stream, after the capture's answer: ask until it is there.
        var listed = await AlertListing.UntilSingleListed(fixture.Issuer, $"/v1/alerts?accountId={card.AccountId}&kind=over_limit&limit=10");
        var alert = listed.Body!["alerts"]![0]!;
        Assert.Equal("over_limit", alert["kind"]!.GetValue<string>());
        Assert.Equal("high", alert["severity"]!.GetValue<string>());
        Assert.Equal("none", alert["action"]!.GetValue<string>());
        Assert.Equal(card.CardId, alert["cardId"]!.GetValue<string>());
        Assert.Null(alert["outcome"]);
        var alertId = alert["alertId"]!.GetValue<string>();

        var resolved = await fixture.Issuer.Post($"/v1/alerts/{alertId}/resolve", new { outcome = "fraud" });
        Assert.Equal(200, resolved.Status);
        Assert.Equal("fraud", resolved.Str("outcome"));
        Assert.Equal(alertId, resolved.Str("alertId"));

        Assert.Equal(400, (await fixture.Issuer.Post($"/v1/alerts/{alertId}/resolve", new { outcome = "maybe" })).Status);
        Assert.Equal(404, (await fixture.Issuer.Post("/v1/alerts/al_nothing_1/resolve", new { outcome = "legitimate" })).Status);
        Assert.Equal(400, (await fixture.Issuer.Get("/v1/alerts?limit=0")).Status);
        Assert.Equal(400, (await fixture.Issuer.Get("/v1/alerts?kind=everything")).Status);
        Assert.Equal(400, (await fixture.Issuer.Get("/v1/alerts?since=yesterday")).Status);
        Assert.Equal(403, (await fixture.Alipay.Get("/v1/alerts")).Status);
    }
}
