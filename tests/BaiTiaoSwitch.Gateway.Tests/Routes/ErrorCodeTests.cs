using System.Text;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

/// <summary>Every error is application/problem+json with type, title, status, code and detail, and changes nothing.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ErrorCodeTests(GatewayFixture fixture)
{
    private static void AssertProblem(ApiResponse response, int status, string code)
    {
        Assert.True(response.Status == status && response.Code == code, $"expected {status} {code}, got {response}");
        Assert.Equal("application/problem+json", response.ContentType);
        foreach (var field in new[] { "type", "title", "detail" })
        {
            Assert.False(string.IsNullOrEmpty(response.Body![field]?.GetValue<string>()), field);
        }

        Assert.Equal(status, response.Body!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_field_is_400_invalid_request_and_opens_nothing()
    {
        var accountId = Flows.NewId("acct");
        var holder = TestHolder.New();
        var response = await fixture.Issuer.Post("/v1/accounts", new { accountId, holder = holder.Body, creditLimit = new { amount = 100, currency = "CNY" }, creditScore = 700, vip = true });
        AssertProblem(response, 400, "invalid_request");
        AssertProblem(await fixture.Issuer.Get($"/v1/accounts/{accountId}"), 404, "not_found");
        var nested = await fixture.Issuer.Post("/v1/accounts", new { accountId, holder = new { name = "张三", idNumber = holder.IdNumber, phone = holder.Phone, email = "x" }, creditLimit = new { amount = 100, currency = "CNY" }, creditScore = 700 });
        AssertProblem(nested, 400, "invalid_request");
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_400_invalid_request()
    {
        var card = await Flows.OpenCard(fixture);
        AssertProblem(await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", "{\"creditLimit\":{\"amount\":\"100\",\"currency\":\"CNY\"}}"), 400, "invalid_request");
        AssertProblem(await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", "{\"creditLimit\":{\"amount\":1.5,\"currency\":\"CNY\"}}"), 400, "invalid_request");
        AssertProblem(await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", "{\"creditLimit\":{\"amount\":99999999999999999999999,\"currency\":\"CNY\"}}"), 400, "invalid_request");
        AssertProblem(await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", "not json"), 400, "invalid_request");
        AssertProblem(await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", "{\"creditLimit\":null}"), 400, "invalid_request");
        AssertProblem(await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", "{\"creditLimit\":{\"amount\":1,\"amount\":2,\"currency\":\"CNY\"}}"), 400, "invalid_request");
        Assert.Equal(500_000, (await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}")).Amount("creditLimit"));
    }

    [Fact]
    public async Task A_body_over_16_KiB_is_400_body_too_large()
    {
        var card = await Flows.OpenCard(fixture);
        var big = "{\"creditLimit\":{\"amount\":100,\"currency\":\"CNY\"},\"pad\":\"" + new string('x', 16 * 1024) + "\"}";
        AssertProblem(await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", big), 400, "body_too_large");
    }

    [Fact]
    public async Task A_body_over_16_KiB_without_a_length_is_400_body_too_large()
    {
        var card = await Flows.OpenCard(fixture);
        var bytes = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 20 * 1024) + "\"}");
        var response = await fixture.Issuer.Send(HttpMethod.Put, $"/v1/accounts/{card.AccountId}/credit-limit", bytes, "auto", tamper: request =>
            request.Content = new StreamContent(new MemoryStream(bytes)));
        AssertProblem(response, 400, "body_too_large");
    }

    [Theory]
    [InlineData("/v1/accounts/has%20space")]
    [InlineData("/v1/accounts/%E4%B8%AD%E6%96%87")]
    [InlineData("/v1/accounts/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_malformed_id_is_400_invalid_id(string path)
    {
        AssertProblem(await fixture.Issuer.Get(path), 400, "invalid_id");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_000_000_001)]
    public async Task An_amount_outside_1_to_10_to_the_12_is_422_invalid_amount(long amount)
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        AssertProblem(await Flows.Authorize(fixture.Alipay, grantId, amount), 422, "invalid_amount");
        Assert.Equal(0, (await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}")).Amount("pending"));
    }

    [Fact]
    public async Task Another_currency_is_422_currency_not_supported()
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var response = await fixture.Alipay.Post("/v1/authorizations", new { grantId, amount = new { amount = 100, currency = "USD" }, merchant = Flows.Merchant });
        AssertProblem(response, 422, "currency_not_supported");
    }

    [Fact]
    public async Task Missing_fields_are_400_invalid_request()
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, token) = await Flows.Bind(fixture, fixture.Alipay, card);
        AssertProblem(await fixture.Alipay.Post("/v1/authorizations", new { grantId, amount = new { amount = 100, currency = "CNY" } }), 400, "invalid_request");
        AssertProblem(await fixture.Alipay.Post("/v1/authorizations", new { amount = new { amount = 100, currency = "CNY" }, merchant = Flows.Merchant }), 400, "invalid_request");
        AssertProblem(await fixture.Alipay.Post("/v1/authorizations", new { grantId, walletToken = token, amount = new { amount = 100, currency = "CNY" }, merchant = Flows.Merchant }), 400, "invalid_request");
        AssertProblem(await fixture.Alipay.Post("/v1/authorizations", new { grantId, amount = new { amount = 100 }, merchant = Flows.Merchant }), 400, "invalid_request");
        AssertProblem(await fixture.Alipay.Post($"/v1/bindings/{grantId}/verify", new { }), 400, "invalid_request");
        AssertProblem(await fixture.Alipay.Post("/v1/bindings", new { holder = card.Holder.Body }), 400, "invalid_request");
        AssertProblem(await fixture.Issuer.Post($"/v1/cards/{card.CardId}/freeze", new { now = true }), 400, "invalid_request");
    }

    [Fact]
    public async Task Unknown_routes_are_404_and_wrong_methods_405()
    {
        AssertProblem(await fixture.Issuer.Get("/v1/nothing-here"), 404, "not_found");
        AssertProblem(await fixture.Issuer.Delete("/v1/accounts/acct-1"), 405, "method_not_allowed");
    }

    [Fact]
    public async Task Reading_what_does_not_exist_is_404()
    {
        AssertProblem(await fixture.Issuer.Get("/v1/accounts/acct-never-opened"), 404, "not_found");
        AssertProblem(await fixture.Issuer.Get("/v1/cards/cd_never-issued"), 404, "not_found");
        AssertProblem(await fixture.Alipay.Get("/v1/authorizations/au_nothing_1"), 404, "not_found");
    }

    [Fact]
    public async Task Opening_an_existing_account_with_other_details_is_409_account_exists()
    {
        var card = await Flows.OpenCard(fixture);
        var response = await fixture.Issuer.Post("/v1/accounts", new { accountId = card.AccountId, holder = TestHolder.New().Body, creditLimit = new { amount = 100, currency = "CNY" }, creditScore = 700 });
        AssertProblem(response, 409, "account_exists");
    }

    [Fact]
    public async Task Money_rules_of_captures_reversals_and_refunds_have_their_codes()
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var authorizationId = (await Flows.Authorize(fixture.Alipay, grantId, 10_000)).Str("authorizationId");
        AssertProblem(await fixture.Alipay.Post($"/v1/authorizations/{authorizationId}/reversals", new { amount = new { amount = 10_001, currency = "CNY" } }), 422, "reversal_exceeds_remaining");
        var captureId = (await fixture.Alipay.Post($"/v1/authorizations/{authorizationId}/captures", new { amount = new { amount = 3_000, currency = "CNY" }, final = true })).Str("captureId");
        AssertProblem(await fixture.Alipay.Post($"/v1/captures/{captureId}/refunds", new { amount = new { amount = 3_001, currency = "CNY" } }), 422, "refund_exceeds_captured");
        AssertProblem(await fixture.Alipay.Post($"/v1/authorizations/{authorizationId}/reversals", new { }), 409, "authorization_not_open");
    }
}
