using System.Text.Json.Nodes;
using BaiTiaoSwitch.Gateway.Problems;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

[Collection(GatewayCollection.Name)]
public sealed class OpenApiTests(GatewayFixture fixture)
{
    public static TheoryData<string, string> Routes => new()
    {
        { "post", "/v1/accounts" },
        { "get", "/v1/accounts/{accountId}" },
        { "put", "/v1/accounts/{accountId}/credit-limit" },
        { "post", "/v1/accounts/{accountId}/freeze" },
        { "post", "/v1/accounts/{accountId}/unfreeze" },
        { "post", "/v1/accounts/{accountId}/cards" },
        { "get", "/v1/cards/{cardId}" },
        { "post", "/v1/cards/{cardId}/freeze" },
        { "post", "/v1/cards/{cardId}/unfreeze" },
        { "post", "/v1/cards/{cardId}/cancel" },
        { "get", "/v1/cards/{cardId}/grants" },
        { "post", "/v1/grants/{grantId}/suspend" },
        { "post", "/v1/grants/{grantId}/resume" },
        { "post", "/v1/bindings" },
        { "post", "/v1/bindings/{grantId}/verify" },
        { "get", "/v1/grants/{grantId}" },
        { "delete", "/v1/grants/{grantId}" },
        { "post", "/v1/authorizations" },
        { "get", "/v1/authorizations/{authorizationId}" },
        { "post", "/v1/authorizations/{authorizationId}/increments" },
        { "post", "/v1/authorizations/{authorizationId}/captures" },
        { "post", "/v1/authorizations/{authorizationId}/reversals" },
        { "post", "/v1/captures/{captureId}/refunds" },
        { "get", "/v1/risk/rules" },
        { "put", "/v1/risk/rules/{ruleId}" },
        { "get", "/v1/alerts" },
        { "post", "/v1/alerts/{alertId}/resolve" },
        { "post", "/v1/risk/backtests" },
        { "get", "/v1/events" },
        { "get", "/v1/sandbox/otp" },
        { "post", "/v1/captures/{captureId}/installments" },
        { "get", "/v1/installments/{planId}" },
        { "get", "/v1/accounts/{accountId}/statements" },
        { "get", "/v1/statements/{statementId}" },
        { "post", "/v1/accounts/{accountId}/repayments" },
        { "put", "/v1/accounts/{accountId}/credit-score" },
        { "post", "/v1/sandbox/accounts/{accountId}/clock" },
        { "get", "/health/live" },
        { "get", "/health/ready" },
    };

    private async Task<JsonNode> Document() => JsonNode.Parse(await fixture.Http.GetStringAsync("/openapi/v1.json"))!;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_is_described_with_its_answers(string method, string path)
    {
        var operation = (await Document())["paths"]?[path]?[method];
        Assert.True(operation is not null, $"{method} {path} is not in the document");
        var responses = operation!["responses"]!.AsObject();
        Assert.Contains(responses, response => response.Key.StartsWith('2'));
        if (path.StartsWith("/v1", StringComparison.Ordinal))
        {
            Assert.True(responses.ContainsKey("401"), "401");
            Assert.Contains("unauthenticated", responses["401"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.NotNull(responses["401"]!["content"]?["application/problem+json"]);
            Assert.NotNull(operation["security"]);
        }

        if (method is "post" or "put" or "delete")
        {
            Assert.Contains(operation["parameters"]!.AsArray(), parameter => parameter!["name"]!.GetValue<string>() == "Idempotency-Key");
        }

        if (method is "post" or "put")
        {
            Assert.NotNull(operation["requestBody"]?["content"]?["application/json"]?["schema"]);
        }
    }

    [Fact]
    public async Task Every_error_code_is_documented_with_its_status()
    {
        var document = await Document();
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "bts-openapi-v1.json"), document.ToJsonString());
        var text = document["info"]!["description"]!.GetValue<string>();
        foreach (var info in ErrorCatalog.Codes.Values)
        {
            Assert.Contains($"`{info.Code}` | {info.Status} |", text, StringComparison.Ordinal);
        }

        foreach (var code in new[] { "invalid_request", "currency_not_supported", "unauthenticated", "forbidden", "not_found", "idempotency_key_reused", "verification_failed", "verification_locked", "otp_invalid" })
        {
            Assert.Contains($"`{code}`", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/v1/bindings", "429", "verification_locked")]
    [InlineData("/v1/bindings", "503", "outcome_unknown")]
    [InlineData("/v1/bindings/{grantId}/verify", "429", "verification_locked")]
    [InlineData("/v1/bindings/{grantId}/verify", "503", "outcome_unknown")]
    [InlineData("/v1/bindings/{grantId}/verify", "422", "otp_invalid")]
    public async Task The_binding_routes_list_every_error_they_answer(string path, string status, string code)
    {
        var responses = (await Document())["paths"]![path]!["post"]!["responses"]!;
        Assert.Contains($"`{code}`", responses[status]?["description"]?.GetValue<string>() ?? "(no such status)", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/captures/{captureId}/installments", "post", "422", "apr_above_cap")]
    [InlineData("/v1/captures/{captureId}/installments", "post", "409", "invalid_transition")]
    [InlineData("/v1/accounts/{accountId}/repayments", "post", "422", "repayment_exceeds_balance")]
    [InlineData("/v1/accounts/{accountId}/repayments", "post", "404", "not_found")]
    [InlineData("/v1/installments/{planId}", "get", "404", "not_found")]
    [InlineData("/v1/statements/{statementId}", "get", "404", "not_found")]
    [InlineData("/v1/sandbox/accounts/{accountId}/clock", "post", "400", "invalid_request")]
    public async Task The_credit_routes_list_every_error_they_answer(string path, string method, string status, string code)
    {
        var responses = (await Document())["paths"]![path]![method]!["responses"]!;
        Assert.Contains($"`{code}`", responses[status]?["description"]?.GetValue<string>() ?? "(no such status)", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_credit_shapes_are_described_field_by_field_with_their_choices()
    {
        var document = await Document();
        var schemas = document["components"]!["schemas"]!.AsObject();
        string[] Fields(string schema) => [.. schemas[schema]!["properties"]!.AsObject().Select(pair => pair.Key)];
        Assert.Equal(["accountId", "holder", "creditLimit", "creditScore", "billingDay"], Fields("OpenAccountBody"));
        Assert.Equal(["periods"], Fields("InstallmentsBody"));
        Assert.Equal(["amount"], Fields("RepaymentBody"));
        Assert.Equal(["advanceSeconds"], Fields("SandboxClockBody"));
        Assert.Equal(["planId", "captureId", "accountId", "principal", "periods", "feeRatePerPeriod", "feePerPeriod", "totalFee", "apr", "schedule", "status", "createdAt"],
            Fields("InstallmentPlanResponse"));
        Assert.Equal(["period", "dueDate", "principal", "fee", "status"], Fields("InstallmentPeriodResponse"));
        Assert.Equal(["repaymentId", "accountId", "amount", "allocated", "createdAt"], Fields("RepaymentResponse"));
        Assert.Equal(["lateFees", "installmentFees", "installmentPrincipal", "statementBalance", "unbilled"], Fields("RepaymentAllocatedResponse"));
        Assert.Equal(["accountId", "now"], Fields("SandboxClockResponse"));
        foreach (var field in new[] { "statementId", "accountId", "periodStart", "periodEnd", "dueDate", "previousBalance", "purchases", "refunds", "installmentsDue", "fees", "repayments", "newBalance", "minimumDue", "paid", "status", "createdAt" })
        {
            Assert.Contains(field, Fields("StatementResponse"));
        }

        foreach (var field in new[] { "billingDay", "creditScore", "installmentsOutstanding" })
        {
            Assert.Contains(field, Fields("AccountResponse"));
        }

        Assert.Equal("date", schemas["StatementResponse"]!["properties"]!["dueDate"]!["format"]!.GetValue<string>());
        Assert.Equal("date-time", schemas["StatementResponse"]!["properties"]!["periodEnd"]!["format"]!.GetValue<string>());
        var text = document["info"]!["description"]!.GetValue<string>();
        Assert.Contains("YYYY-MM-DD", text, StringComparison.Ordinal);
        Assert.Contains("\"10.90\"", text, StringComparison.Ordinal);
        Assert.Contains("billingDay", document["paths"]!["/v1/accounts"]!["post"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bodies_are_described_field_by_field()
    {
        var document = await Document();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var authorize = schemas["AuthorizeBody"]!["properties"]!.AsObject();
        Assert.Equal(["grantId", "walletToken", "amount", "merchant"], authorize.Select(pair => pair.Key).ToArray());
        var grant = schemas["GrantResponse"]!["properties"]!.AsObject();
        foreach (var field in new[] { "grantId", "channel", "cardId", "last4", "status", "walletToken", "limits", "createdAt" })
        {
            Assert.True(grant.ContainsKey(field), field);
        }

        var problem = document["paths"]!["/v1/authorizations"]!["post"]!["responses"]!["401"]!["content"]!["application/problem+json"]!["schema"]!["properties"]!.AsObject();
        Assert.Equal(["type", "title", "status", "code", "detail"], problem.Select(pair => pair.Key).ToArray());
    }
}
