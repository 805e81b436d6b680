using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;
using static BaiTiaoSwitch.Gateway.Tests.Routes.Credit.CreditFlows;

namespace BaiTiaoSwitch.Gateway.Tests.Routes.Credit;

/// <summary>POST /v1/sandbox/accounts/{accountId}/clock as API.md spells it: sandbox mode only, forward only, per account.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SandboxClockRoutesTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Issuer_moves_one_accounts_clock_forward_and_gets_its_now_and_other_accounts_keep_theirs()
    {
        var (accountId, _) = await OpenBoundLine(fixture, billingDay: 1);
        var (otherId, _) = await OpenBoundLine(fixture, billingDay: 1);
        var before = await Now(fixture, accountId);
        var otherBefore = await Now(fixture, otherId);

        var advanced = await fixture.Issuer.Post($"/v1/sandbox/accounts/{accountId}/clock", new { advanceSeconds = 3 * 86_400 });

        Assert.True(advanced.Status == 200, advanced.ToString());
        Assert.Equal(["accountId", "now"], Keys(advanced.Body!));
        Assert.Equal(accountId, advanced.Str("accountId"));
        Assert.Equal(before.AddDays(3), Instant(advanced, "now"));
        var otherNow = await Now(fixture, otherId);
        Assert.True(otherNow - otherBefore < TimeSpan.FromDays(1), $"the other account's clock stayed: {otherBefore:O} → {otherNow:O}");
    }

    [Fact]
    public async Task Moving_the_clock_again_with_the_same_key_replays_the_answer_and_moves_it_once()
    {
        var (accountId, _) = await OpenBoundLine(fixture, billingDay: 1);
        var before = await Now(fixture, accountId);
        var key = SignedClient.NewKey();
        var first = await fixture.Issuer.Post($"/v1/sandbox/accounts/{accountId}/clock", new { advanceSeconds = 3_600 }, key);
        var again = await fixture.Issuer.Post($"/v1/sandbox/accounts/{accountId}/clock", new { advanceSeconds = 3_600 }, key);
        Assert.Equal((200, first.Text), (again.Status, again.Text));
        Assert.Equal(before.AddHours(1).AddSeconds(1), await Now(fixture, accountId));
        var reused = await fixture.Issuer.Post($"/v1/sandbox/accounts/{accountId}/clock", new { advanceSeconds = 60 }, key);
        Assert.Equal((409, "idempotency_key_reused"), (reused.Status, reused.Code));
    }

    public static TheoryData<string> BadBodies => new()
    {
        """{"advanceSeconds":0}""",
        """{"advanceSeconds":-60}""",
        """{"advanceSeconds":1.5}""",
        """{"advanceSeconds":"60"}""",
        """{"advanceSeconds":null}""",
        """{"advanceSeconds":1000000000000}""",
        """{}""",
        """{"advanceSeconds":60,"to":"2027-01-01T00:00:00Z"}""",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_advance_is_400_invalid_request_and_the_clock_stays(string body)
    {
        var (accountId, _) = await OpenBoundLine(fixture, billingDay: 1);
        var before = await Now(fixture, accountId);

        var refused = await Raw(fixture.Issuer, HttpMethod.Post, $"/v1/sandbox/accounts/{accountId}/clock", body);

        Assert.Equal((400, "invalid_request"), (refused.Status, refused.Code));
        Assert.Equal(before.AddSeconds(1), await Now(fixture, accountId));
    }

    [Fact]
    public async Task A_wallet_may_not_move_a_clock_and_an_unknown_account_is_404()
    {
        var (accountId, _) = await OpenBoundLine(fixture, billingDay: 1);
        var refused = await fixture.Alipay.Post($"/v1/sandbox/accounts/{accountId}/clock", new { advanceSeconds = 60 });
        Assert.Equal((403, "forbidden"), (refused.Status, refused.Code));
        var unknown = await fixture.Issuer.Post($"/v1/sandbox/accounts/{Flows.NewId("acct")}/clock", new { advanceSeconds = 60 });
        Assert.Equal((404, "not_found"), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task The_clock_route_does_not_exist_in_production_mode()
    {
        var (accountId, _) = await OpenBoundLine(fixture, billingDay: 1);
        using var http = fixture.Production.CreateClient();
        var issuer = GatewayFixture.Client(http, "issuer");

        var response = await issuer.Post($"/v1/sandbox/accounts/{accountId}/clock", new { advanceSeconds = 60 });

        Assert.Equal((404, "not_found"), (response.Status, response.Code));
        var document = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        Assert.Null(document["paths"]!["/v1/sandbox/accounts/{accountId}/clock"]);
    }
}
