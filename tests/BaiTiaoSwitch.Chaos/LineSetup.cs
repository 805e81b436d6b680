using System.Globalization;
using System.Text.Json.Nodes;

namespace BaiTiaoSwitch.Chaos;

/// <summary>A line opened for the run, with its card bound to each wallet: the grant id per wallet channel.</summary>
public sealed record Line(string AccountId, long CreditLimit, IReadOnlyDictionary<string, string> Grants);

/// <summary>
/// Opens lines through the issuer routes and binds each card to the wallets by identity-verified binding (four
/// elements, then the one-time code read from the sandbox outbox), as a wallet that is not .NET does.
/// </summary>
public sealed class LineSetup(SameKeyRetry retry, string issuer, IReadOnlyList<string> wallets, string runId, long creditLimit)
{
    private const int BindingTriesMax = 3;

    /// <summary>
    /// Line 0 gets <paramref name="creditLimit"/> and fills up within seconds, so approvals meet the limit (no overspend
    /// is tested at the edge); the others get 1,000 times as much, so captures and refunds keep flowing for the whole run.
    /// </summary>
    public long LimitOf(int index) => index == 0 ? creditLimit : checked(creditLimit * 1_000);

    public async Task<Line> Open(int index, DateTimeOffset deadline)
    {
        var accountId = $"{runId}-line{index}";
        var phone = "139" + (10_000_000 + (Math.Abs(HashCode.Combine(runId, index)) % 89_999_999)).ToString(CultureInfo.InvariantCulture);
        var holder = new JsonObject { ["name"] = "混沌测试", ["idNumber"] = $"1101011990{index:D4}{runId[^4..]}", ["phone"] = phone };
        await Expect(issuer, HttpMethod.Post, "/v1/accounts", new JsonObject
        {
            ["accountId"] = accountId,
            ["holder"] = holder.DeepClone(),
            ["creditLimit"] = Money(LimitOf(index)),
            ["creditScore"] = 760,
        }, $"{accountId}-open", deadline);
        var card = await Expect(issuer, HttpMethod.Post, $"/v1/accounts/{accountId}/cards", new JsonObject(), $"{accountId}-card", deadline);
        var grants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var wallet in wallets)
        {
            grants[wallet] = await Bind(wallet, card["cardNumber"]!.GetValue<string>(), holder, phone, $"{accountId}-{wallet}", deadline);
        }

        return new Line(accountId, LimitOf(index), grants);
    }

    public static JsonObject Money(long amount) => new() { ["amount"] = amount, ["currency"] = "CNY" };

    private async Task<string> Bind(string wallet, string cardNumber, JsonObject holder, string phone, string key, DateTimeOffset deadline)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = await Expect(wallet, HttpMethod.Post, "/v1/bindings", new JsonObject { ["cardNumber"] = cardNumber, ["holder"] = holder.DeepClone() }, $"{key}-{attempt}", deadline);
            var grantId = started["grantId"]!.GetValue<string>();
            var otp = await Expect(issuer, HttpMethod.Get, "/v1/sandbox/otp?phone=" + Uri.EscapeDataString(phone), null, null, deadline);
            var verified = await retry.Resolve(wallet, HttpMethod.Post, $"/v1/bindings/{grantId}/verify", new JsonObject { ["otp"] = otp["otp"]!.GetValue<string>() },
                $"{key}-{attempt}-verify", deadline, finalErrorIsViolation: attempt == BindingTriesMax);
            if (verified?["status"]?.GetValue<string>() == "active")
            {
                return grantId;
            }

            if (attempt == BindingTriesMax)
            {
                throw new InvalidOperationException($"Binding the card of {key} to {wallet} failed {BindingTriesMax} times; see the errors above.");
            }
        }
    }

    private async Task<JsonNode> Expect(string channel, HttpMethod method, string path, JsonNode? body, string? key, DateTimeOffset deadline) =>
        await retry.Resolve(channel, method, path, body, key, deadline)
            ?? throw new InvalidOperationException($"Setup failed: {method} {path.Split('?')[0]} was not answered: {string.Join("; ", retry.FinalErrors.Concat(retry.Unresolved).TakeLast(3))}");
}
