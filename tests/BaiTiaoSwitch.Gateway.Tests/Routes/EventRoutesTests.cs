using System.Text.Json.Nodes;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

[Collection(GatewayCollection.Name)]
public sealed class EventRoutesTests(GatewayFixture fixture)
{
    [Fact]
    public async Task An_issuer_follows_decisions_live_and_a_follower_that_reconnects_with_Last_Event_ID_gets_what_came_after()
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        string firstId;
        using (var live = await Follow(null, timeout.Token))
        {
            Assert.Equal("text/event-stream", live.Content.Headers.ContentType?.MediaType);
            var first = await Flows.Authorize(fixture.Alipay, grantId, 1_200);
            var (id, data) = await NextFor(live, card.AccountId, timeout.Token);
            Assert.Equal("decision", data["kind"]!.GetValue<string>());
            Assert.Equal(first.Str("authorizationId"), data["decision"]!["authorizationId"]!.GetValue<string>());
            Assert.Equal("approved", data["decision"]!["decision"]!.GetValue<string>());
            Assert.Equal(1_200, data["decision"]!["amount"]!["amount"]!.GetValue<long>());
            firstId = id;
        }

        var second = await Flows.Authorize(fixture.Alipay, grantId, 3_400);
        using var resumed = await Follow(firstId, timeout.Token);
        var (_, next) = await NextFor(resumed, card.AccountId, timeout.Token);
        Assert.Equal(second.Str("authorizationId"), next["decision"]!["authorizationId"]!.GetValue<string>());

        Assert.Equal(403, (await fixture.Alipay.Get("/v1/events")).Status);
    }

    private async Task<HttpResponseMessage> Follow(string? lastEventId, CancellationToken cancellationToken)
    {
        var request = fixture.Issuer.Sign(HttpMethod.Get, "/v1/events", null, null);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        return response;
    }

    /// <summary>The next event of the account on the stream: its id and its data.</summary>
    private static async Task<(string Id, JsonNode Data)> NextFor(HttpResponseMessage response, string accountId, CancellationToken cancellationToken)
    {
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        string? id = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = JsonNode.Parse(line[6..])!;
                if (data["accountId"]!.GetValue<string>() == accountId)
                {
                    return (id!, data);
                }
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }
}
