using System.Text;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace BaiTiaoSwitch.Gateway.OpenApi;

/// <summary>The document's front matter: how to sign, idempotency, and every error code with its status.</summary>
internal sealed class ApiDocumentTransformer(IOptions<GatewayOptions> options) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.AppendLine("The HTTP API of BaiTiaoSwitch, version 1 (see API.md). JSON, UTF-8, camelCase. Unknown fields get `400 invalid_request`; bodies are at most 16 KiB (`400 body_too_large`).");
        text.AppendLine();
        text.AppendLine("**Signing.** Every `/v1` request carries `X-BTS-Channel`, `X-BTS-Timestamp` (Unix seconds, within 300 s of the switch's clock), `X-BTS-Nonce` (16–64 of `[A-Za-z0-9]`, refused if the channel used it in the last 10 minutes, across all gateway instances) and `X-BTS-Signature` = `base64(HMAC-SHA256(secret, method + \"\\n\" + pathAndQuery + \"\\n\" + timestamp + \"\\n\" + nonce + \"\\n\" + lowercaseHex(SHA256(body))))`, where pathAndQuery is the request target exactly as sent. Any failure is `401 unauthenticated`; the reason is logged, not told. A channel calling a route of the other role gets `403 forbidden` (the project's choice: issuer channels may not call wallet routes either).");
        text.AppendLine();
        text.AppendLine("**Object-level authorization.** A wallet channel sees and acts only on grants, authorizations, captures and refunds made through its own grants; anything else is `404 not_found`, exactly as if it did not exist.");
        text.AppendLine();
        text.AppendLine("**Idempotency.** `Idempotency-Key` (1–64 of `[A-Za-z0-9_-]`) is required on POST, PUT and DELETE (`400 idempotency_key_invalid`). The same channel and key with the same request returns the original status and body; another request gets `409 idempotency_key_reused`; one still running gets `409 idempotency_key_in_use`. Keys are kept 48 hours (at least 24). On payment routes (authorizations, increments, captures, reversals, refunds) the credit account records the key with the payment in the same durable write and replays the original result; elsewhere the gateway records the HTTP answer in the cluster (encrypted at rest) and replays it byte for byte. 5xx answers are never recorded: retry them with the same key.");
        text.AppendLine();
        text.AppendLine("**Credit score.** The project's choices: `creditScore` is an integer from 0 to 1000 (else `400 invalid_request`, nothing written); opening an account requires it, so every Account answer carries it (never null). The account's `creditLimit` is the limit the issuer last set (at opening or by `PUT .../credit-limit`) times the percent of the score's band, rounded down to the fen; default bands: 700 and above 100%, 600–699 80%, 500–599 50%, below 500 20% (configurable). `PUT .../credit-score` moves the limit at once; a move to a lower band raises one `credit_score_drop` alert (severity `high` when the new limit is below the account's use, else `medium`); a limit below use takes nothing back and declines new authorizations `insufficient_credit` until use falls.");
        text.AppendLine();
        text.AppendLine("**Credit products.** The project's choices: money fields are Money objects; rates are decimal strings (`feeRatePerPeriod` a fraction with 4 decimals, \"0.0050\"; `apr` in percent with 2 decimals, \"10.90\", the annualized internal rate of return of the plan's payments); dates that are days (`dueDate`) are `YYYY-MM-DD` in China time, every other time is an RFC 3339 UTC instant. Statements are cut at the end of the account's `billingDay` (1–28, chosen at opening, default 1) in China time. Fees (installment fees, late fees) are owed but never use the credit limit: `creditLimit − available = Σ open holds + posted`, where `posted = Σ captures − Σ refunds − Σ principal repaid` and installment principal not yet repaid still counts as used (`installmentsOutstanding` is its part of `posted`).");
        text.AppendLine();
        text.AppendLine("**Declines** are not errors: `200` with `decision: declined` and a `reason`.");
        text.AppendLine();
        text.AppendLine($"**Mode.** This gateway runs in {options.Value.Mode.ToString().ToLowerInvariant()} mode. `GET /v1/sandbox/otp` and `POST /v1/sandbox/accounts/{{accountId}}/clock` exist in sandbox mode only (`404 not_found` otherwise).");
        text.AppendLine();
        text.AppendLine("**Error codes** (`application/problem+json` with `type`, `title`, `status`, `code`, `detail`; no error body ever holds a card number, identity number, phone, one-time code or secret):");
        text.AppendLine();
        text.AppendLine("| code | status | meaning |");
        text.AppendLine("|---|---|---|");
        foreach (var info in ErrorCatalog.Codes.Values.OrderBy(info => info.Status).ThenBy(info => info.Code, StringComparer.Ordinal))
        {
            text.AppendLine($"| `{info.Code}` | {info.Status} | {info.Description} |");
        }

        document.Info = new OpenApiInfo { Title = "BaiTiaoSwitch HTTP API", Version = "v1", Description = text.ToString() };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var header in SignedHeaders)
        {
            document.Components.SecuritySchemes[header] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = header,
                Description = "Part of the request signature; see the document's description.",
            };
        }

        return Task.CompletedTask;
    }

    internal static readonly string[] SignedHeaders = ["X-BTS-Channel", "X-BTS-Timestamp", "X-BTS-Nonce", "X-BTS-Signature"];
}
