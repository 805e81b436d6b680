using System.Globalization;
using System.Text.Json.Nodes;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes.Credit;

/// <summary>The steps of the credit route tests, each through the signed HTTP API, asserting exact answers.</summary>
public static class CreditFlows
{
    /// <summary>China time, in which statements are cut (API.md).</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static object Cny(long amount) => new { amount, currency = "CNY" };

    /// <summary>Opens a line through POST /v1/accounts with a billing day, issues a card and binds it to Alipay.</summary>
    public static async Task<(string AccountId, string GrantId)> OpenBoundLine(GatewayFixture fixture, int billingDay, long limit = 500_000)
    {
        var holder = TestHolder.New();
        var accountId = Flows.NewId("acct");
        var opened = await fixture.Issuer.Post("/v1/accounts", new { accountId, holder = holder.Body, creditLimit = Cny(limit), creditScore = 720, billingDay });
        Assert.True(opened.Status == 201, opened.ToString());
        Assert.Equal(billingDay, opened.Body!["billingDay"]!.GetValue<int>());
        var card = await fixture.Issuer.Post($"/v1/accounts/{accountId}/cards", new { });
        Assert.True(card.Status == 201, card.ToString());
        var issued = new TestCard(accountId, card.Str("cardId"), SensitiveValues.Remember(card.Str("cardNumber"), "card number"), holder);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, issued);
        return (accountId, grantId);
    }

    /// <summary>Authorizes <paramref name="amount"/> through Alipay and captures all of it; returns the capture id.</summary>
    public static async Task<string> Purchase(GatewayFixture fixture, string grantId, long amount)
    {
        var authorization = await Flows.Authorize(fixture.Alipay, grantId, amount);
        Assert.True(authorization.Status == 200 && authorization.Str("decision") == "approved", authorization.ToString());
        var capture = await fixture.Alipay.Post($"/v1/authorizations/{authorization.Str("authorizationId")}/captures", new { amount = Cny(amount), final = true });
        Assert.True(capture.Status == 201, capture.ToString());
        return capture.Str("captureId");
    }

    public static async Task<ApiResponse> Advance(GatewayFixture fixture, string accountId, long seconds)
    {
        var advanced = await fixture.Issuer.Post($"/v1/sandbox/accounts/{accountId}/clock", new { advanceSeconds = seconds });
        Assert.True(advanced.Status == 200, advanced.ToString());
        return advanced;
    }

    /// <summary>The account's now, read by moving its clock one second.</summary>
    public static async Task<DateTimeOffset> Now(GatewayFixture fixture, string accountId) => Instant(await Advance(fixture, accountId, 1), "now");

    /// <summary>The next cut after <paramref name="now"/>: the end of the billing day in China time (00:00 of the next local day).</summary>
    public static DateTimeOffset NextCut(DateTimeOffset now, int billingDay)
    {
        var local = now.ToOffset(ChinaOffset);
        var cut = new DateTimeOffset(local.Year, local.Month, billingDay, 0, 0, 0, ChinaOffset).AddDays(1);
        return cut > now ? cut : new DateTimeOffset(local.Year, local.Month, billingDay, 0, 0, 0, ChinaOffset).AddMonths(1).AddDays(1);
    }

    /// <summary>Moves the account's clock one minute past its next cut; returns the cut date (the billing day, China time).</summary>
    public static async Task<DateOnly> AdvancePastNextCut(GatewayFixture fixture, string accountId, int billingDay)
    {
        var now = await Now(fixture, accountId);
        var cut = NextCut(now, billingDay);
        await Advance(fixture, accountId, (long)Math.Ceiling((cut - now).TotalSeconds) + 60);
        return DateOnly.FromDateTime(cut.ToOffset(ChinaOffset).AddDays(-1).DateTime);
    }

    public static DateTimeOffset Instant(ApiResponse response, string name) => Instant(response.Body!, name);

    /// <summary>An RFC 3339 UTC instant: with the offset Z or +00:00, as every instant the gateway answers.</summary>
    public static DateTimeOffset Instant(JsonNode node, string name)
    {
        var text = node[name]!.GetValue<string>();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>A Money object in CNY; returns its amount.</summary>
    public static long Money(JsonNode node, string name)
    {
        var money = node[name]!;
        Assert.Equal(["amount", "currency"], money.AsObject().Select(pair => pair.Key).ToArray());
        Assert.Equal("CNY", money["currency"]!.GetValue<string>());
        return money["amount"]!.GetValue<long>();
    }

    public static string[] Keys(JsonNode node) => [.. node.AsObject().Select(pair => pair.Key)];

    public static Task<ApiResponse> Raw(SignedClient client, HttpMethod method, string path, string body) =>
        client.Send(method, path, System.Text.Encoding.UTF8.GetBytes(body), SignedClient.NewKey());
}
