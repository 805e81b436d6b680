using System.Text;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Signing;

[Collection(GatewayCollection.Name)]
public sealed class SignedRequestTests(GatewayFixture fixture)
{
    private static void AssertUnauthenticated(ApiResponse response)
    {
        Assert.Equal(401, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal("unauthenticated", response.Code);
    }

    [Fact]
    public async Task A_correctly_signed_request_is_served()
    {
        var card = await Flows.OpenCard(fixture);
        Assert.Equal(200, (await fixture.Issuer.Get($"/v1/cards/{card.CardId}")).Status);
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused()
    {
        var card = await Flows.OpenCard(fixture);
        var nonce = SignedClient.NewNonce();
        var first = await fixture.Issuer.Send(HttpMethod.Get, $"/v1/cards/{card.CardId}", null, null, nonce: nonce);
        Assert.Equal(200, first.Status);
        AssertUnauthenticated(await fixture.Issuer.Send(HttpMethod.Get, $"/v1/cards/{card.CardId}", null, null, nonce: nonce));

        // Another request, same nonce, different timestamp: still within 10 minutes, still refused.
        AssertUnauthenticated(await fixture.Issuer.Send(HttpMethod.Get, $"/v1/accounts/{card.AccountId}", null, null, nonce: nonce, timestamp: TestClock.Instance.GetUtcNow().ToUnixTimeSeconds() - 100));
    }

    [Fact]
    public async Task A_nonce_replayed_through_another_gateway_instance_is_refused()
    {
        var card = await Flows.OpenCard(fixture);
        using var otherHttp = fixture.Production.CreateClient();
        var other = GatewayFixture.Client(otherHttp, "issuer");
        var nonce = SignedClient.NewNonce();
        Assert.Equal(200, (await fixture.Issuer.Send(HttpMethod.Get, $"/v1/cards/{card.CardId}", null, null, nonce: nonce)).Status);
        AssertUnauthenticated(await other.Send(HttpMethod.Get, $"/v1/cards/{card.CardId}", null, null, nonce: nonce));
    }

    [Fact]
    public async Task The_same_nonce_is_accepted_from_another_channel()
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var nonce = SignedClient.NewNonce();
        Assert.Equal(200, (await fixture.Issuer.Send(HttpMethod.Get, $"/v1/cards/{card.CardId}", null, null, nonce: nonce)).Status);
        Assert.Equal(200, (await fixture.Alipay.Send(HttpMethod.Get, $"/v1/grants/{grantId}", null, null, nonce: nonce)).Status);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-100_000)]
    public async Task A_stale_timestamp_is_refused(int offsetSeconds)
    {
        var timestamp = TestClock.Instance.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds;
        AssertUnauthenticated(await fixture.Issuer.Send(HttpMethod.Get, "/v1/accounts/acct-x", null, null, timestamp: timestamp));
    }

    [Fact]
    public async Task A_timestamp_at_the_edge_of_the_window_is_accepted()
    {
        var card = await Flows.OpenCard(fixture);
        var timestamp = TestClock.Instance.GetUtcNow().ToUnixTimeSeconds() - 299;
        Assert.Equal(200, (await fixture.Issuer.Send(HttpMethod.Get, $"/v1/cards/{card.CardId}", null, null, timestamp: timestamp)).Status);
    }

    [Fact]
    public async Task A_bad_signature_is_refused()
    {
        AssertUnauthenticated(await fixture.Issuer.Send(HttpMethod.Get, "/v1/accounts/acct-x", null, null, tamper: request =>
        {
            request.Headers.Remove("X-BTS-Signature");
            request.Headers.Add("X-BTS-Signature", Convert.ToBase64String(new byte[32]));
        }));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("{\"creditLimit\":{\"amount\":100,\"currency\":\"CNY\"}}");
        AssertUnauthenticated(await fixture.Issuer.Send(HttpMethod.Put, "/v1/accounts/acct-x/credit-limit", body, "auto", tamper: request =>
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"creditLimit\":{\"amount\":999,\"currency\":\"CNY\"}}"))));
    }

    [Fact]
    public async Task A_path_changed_after_signing_is_refused()
    {
        var card = await Flows.OpenCard(fixture);
        AssertUnauthenticated(await fixture.Issuer.Send(HttpMethod.Get, $"/v1/cards/{card.CardId}", null, null, tamper: request =>
            request.RequestUri = new Uri($"/v1/accounts/{card.AccountId}", UriKind.Relative)));
    }

    [Fact]
    public async Task A_signature_with_another_channels_secret_is_refused()
    {
        var impostor = new SignedClient(fixture.Http, "alipay", TestSecrets.Channels["wechatpay"].Secret, () => TestClock.Instance.GetUtcNow());
        AssertUnauthenticated(await impostor.Get("/v1/grants/gr_x"));
    }

    [Fact]
    public async Task An_unknown_channel_is_refused()
    {
        var unknown = new SignedClient(fixture.Http, "paypal", "a-secret-nobody-configured-0123456789", () => TestClock.Instance.GetUtcNow());
        AssertUnauthenticated(await unknown.Get("/v1/grants/gr_x"));
    }

    [Theory]
    [InlineData("X-BTS-Channel")]
    [InlineData("X-BTS-Timestamp")]
    [InlineData("X-BTS-Nonce")]
    [InlineData("X-BTS-Signature")]
    public async Task A_missing_header_is_refused(string header)
    {
        AssertUnauthenticated(await fixture.Issuer.Send(HttpMethod.Get, "/v1/accounts/acct-x", null, null, tamper: request => request.Headers.Remove(header)));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has-a-dash-in-it-0123456789")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_malformed_nonce_is_refused(string nonce)
    {
        AssertUnauthenticated(await fixture.Issuer.Send(HttpMethod.Get, "/v1/accounts/acct-x", null, null, nonce: nonce));
    }

    [Fact]
    public async Task The_reason_is_logged_but_not_told()
    {
        var response = await fixture.Issuer.Send(HttpMethod.Get, "/v1/accounts/acct-x", null, null, timestamp: 1);
        AssertUnauthenticated(response);
        Assert.DoesNotContain("stale", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("timestamp", response.Body!["detail"]!.GetValue<string>().Replace("the clock", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(CapturedLogs.Instance.Lines, line => line.Contains("unauthenticated: StaleTimestamp (channel issuer)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wallet_calling_an_issuer_route_is_forbidden()
    {
        var card = await Flows.OpenCard(fixture);
        var response = await fixture.Alipay.Get($"/v1/accounts/{card.AccountId}");
        Assert.Equal(403, response.Status);
        Assert.Equal("forbidden", response.Code);
        var freeze = await fixture.Alipay.Post($"/v1/cards/{card.CardId}/freeze", new { });
        Assert.Equal(403, freeze.Status);
        Assert.Equal("active", (await fixture.Issuer.Get($"/v1/cards/{card.CardId}")).Str("status"));
        Assert.Equal(403, (await fixture.Alipay.Get("/v1/sandbox/otp?phone=13900000000")).Status);
    }

    [Fact]
    public async Task Health_and_openapi_need_no_signature()
    {
        var live = await fixture.Http.GetAsync("/health/live");
        Assert.Equal(200, (int)live.StatusCode);
        var ready = await fixture.Http.GetAsync("/health/ready");
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)(await fixture.Http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(401, (int)(await fixture.Http.GetAsync("/v1/accounts/acct-x")).StatusCode);
    }

    [Theory]
    [InlineData("/V1/accounts/acct-x")]
    [InlineData("/v1/ACCOUNTS/acct-x")]
    [InlineData("//v1/accounts/acct-x")]
    [InlineData("/v1/accounts/acct-x/")]
    [InlineData("/v1/./accounts/acct-x")]
    public async Task No_spelling_of_a_route_is_served_unsigned(string path)
    {
        var response = await fixture.Http.GetAsync(path);
        Assert.Equal(401, (int)response.StatusCode);
    }
}
