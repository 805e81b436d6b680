using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Operators;

/// <summary>
/// The operators' surfaces of a production gateway (/metrics, /console and the console's relay into the API) answer
/// 401 without the operator credential and serve with it. (Loopback without sign-in is sandbox mode's: see
/// <see cref="ConsoleBrowserTests"/>.)
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OperatorsDoorTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/console/")]
    [InlineData("/console/console.js")]
    [InlineData("/console/api/v1/events")]
    [InlineData("/console/api/v1/cards/card_x")]
    [InlineData("/CONSOLE/api/v1/cards/card_x")]
    public async Task A_production_gateway_refuses_operators_surfaces_without_the_credential(string path)
    {
        using var http = fixture.Production.CreateClient();
        foreach (var authorization in new AuthenticationHeaderValue?[] { null, Basic("wrong-" + TestSecrets.OperatorCredential), new("Bearer", "x") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = authorization;
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("Basic realm=", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_the_credential_metrics_are_prometheus_text_of_the_switchs_instruments()
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        Assert.Equal("approved", (await Flows.Authorize(fixture.Alipay, grantId, 1_000)).Str("decision"));

        using var http = fixture.Production.CreateClient();
        http.DefaultRequestHeaders.Authorization = Basic(TestSecrets.OperatorCredential);
        using var response = await http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("bts_decisions_total{", text, StringComparison.Ordinal);
        Assert.Contains("decision=\"approved\"", text, StringComparison.Ordinal);
        Assert.Contains("bts_authorization_duration_milliseconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("bts_storage_write_duration_milliseconds_count{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_credential_the_console_page_is_served_with_its_chart_library_and_a_strict_policy()
    {
        using var http = fixture.Production.CreateClient();
        http.DefaultRequestHeaders.Authorization = Basic(TestSecrets.OperatorCredential);

        using var page = await http.GetAsync("/console/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script src=\"uPlot.iife.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var chart = await http.GetAsync("/console/uPlot.iife.min.js");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.StartsWith($"/*! https://github.com/leeoniya/uPlot (v{PinnedUplotVersion()})", await chart.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var missing = await http.GetAsync("/console/appsettings.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The console's own fallback feed is gone: its only live feed is GET /v1/events, through its relay.
        using var oldFeed = await http.GetAsync("/console/feed");
        Assert.Equal(HttpStatusCode.NotFound, oldFeed.StatusCode);
        Assert.DoesNotContain("EventSource(", await http.GetStringAsync("/console/console.js"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_consoles_relay_acts_as_its_issuer_channel_through_the_apis_own_routes()
    {
        var card = await Flows.OpenCard(fixture);
        Assert.Equal(200, (await fixture.Issuer.Post($"/v1/cards/{card.CardId}/freeze", new { })).Status);

        using var http = fixture.Production.CreateClient();
        using (var refused = await http.PostAsync($"/console/api/v1/cards/{card.CardId}/unfreeze", Json("{}")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal("frozen", (await fixture.Issuer.Get($"/v1/cards/{card.CardId}")).Str("status"));

        http.DefaultRequestHeaders.Authorization = Basic(TestSecrets.OperatorCredential);
        using var unfreeze = new HttpRequestMessage(HttpMethod.Post, $"/console/api/v1/cards/{card.CardId}/unfreeze") { Content = Json("{}") };
        unfreeze.Headers.Add("Idempotency-Key", SignedClient.NewKey());
        using var unfrozen = await http.SendAsync(unfreeze);
        Assert.Equal(HttpStatusCode.OK, unfrozen.StatusCode);
        Assert.Equal("active", (await fixture.Issuer.Get($"/v1/cards/{card.CardId}")).Str("status"));

        // The API's own rules still hold: a mutation without an Idempotency-Key is refused as the API refuses it.
        using var keyless = await http.PostAsync($"/console/api/v1/cards/{card.CardId}/freeze", Json("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Equal("active", (await fixture.Issuer.Get($"/v1/cards/{card.CardId}")).Str("status"));
    }

    /// <summary>The uPlot version pinned in package-lock.json: the file the console serves must be that release.</summary>
    private static string PinnedUplotVersion()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "package-lock.json")))
        {
            directory = directory.Parent;
        }

        using var lockFile = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory!.FullName, "package-lock.json")));
        return lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/uplot").GetProperty("version").GetString()!;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    internal static AuthenticationHeaderValue Basic(string credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + credential)));
}
