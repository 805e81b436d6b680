using System.Text.Json.Nodes;

namespace BaiTiaoSwitch.Chaos;

/// <summary>
/// Concurrent wallets paying on the lines until the load ends: each authorizes a random amount through one of a line's
/// grants, then captures part (and maybe refunds part), captures finally, reverses part, reverses all, or leaves the
/// hold open. Every request carries its own key and is retried with it until answered; each answer goes in the book once.
/// </summary>
public sealed class LoadWorkers(SameKeyRetry retry, Book book, IReadOnlyList<Line> lines, string runId, int seed)
{
    private const string Merchant = """{"id":"m-chaos","name":"Chaos Shop","mcc":"5411","country":"CN"}""";
    private long approved;
    private long declined;

    public long Approved => Interlocked.Read(ref approved);

    public long Declined => Interlocked.Read(ref declined);

    public Task Run(int concurrency, DateTimeOffset loadEnd, DateTimeOffset settleEnd) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(() => Worker(worker, loadEnd, settleEnd))));

    private async Task Worker(int worker, DateTimeOffset loadEnd, DateTimeOffset settleEnd)
    {
        var random = new Random(HashCode.Combine(seed, worker));
        for (var payment = 0; DateTimeOffset.UtcNow < loadEnd; payment++)
        {
            var line = lines[random.Next(lines.Count)];
            var channel = line.Grants.Keys.ElementAt(random.Next(line.Grants.Count));
            var amount = random.Next(2, 60) * 100L;
            var key = $"{runId}-w{worker}-p{payment}";
            var body = new JsonObject { ["grantId"] = line.Grants[channel], ["amount"] = LineSetup.Money(amount), ["merchant"] = JsonNode.Parse(Merchant) };
            var answer = await retry.Resolve(channel, HttpMethod.Post, "/v1/authorizations", body, key, settleEnd);
            if (answer is null)
            {
                continue;
            }

            var id = answer["authorizationId"]!.GetValue<string>();
            var isApproved = answer["decision"]!.GetValue<string>() == "approved";
            book.Authorized(new Hold(line.AccountId, channel, id, amount, isApproved, answer["reason"]?.GetValue<string>()));
            Interlocked.Increment(ref isApproved ? ref approved : ref declined);
            if (isApproved)
            {
                await Follow(random.Next(100), channel, id, amount, key, settleEnd);
            }
        }
    }

    private async Task Follow(int dice, string channel, string id, long amount, string key, DateTimeOffset deadline)
    {
        Task<JsonNode?> Post(string path, JsonObject body, string suffix) => retry.Resolve(channel, HttpMethod.Post, path, body, key + suffix, deadline);
        switch (dice)
        {
            case < 30:
                return; // left open
            case < 55:
                var part = await Post($"/v1/authorizations/{id}/captures", new JsonObject { ["amount"] = LineSetup.Money(amount / 2), ["final"] = false }, "-c");
                if (part is null)
                {
                    return;
                }

                book.Captured(id, amount / 2, final: false);
                if (dice < 45 && await Post($"/v1/captures/{part["captureId"]!.GetValue<string>()}/refunds", new JsonObject { ["amount"] = LineSetup.Money(amount / 4) }, "-r") is not null)
                {
                    book.Refunded(id, amount / 4);
                }

                return;
            case < 75:
                if (await Post($"/v1/authorizations/{id}/captures", new JsonObject { ["amount"] = LineSetup.Money(amount - 100), ["final"] = true }, "-f") is not null)
                {
                    book.Captured(id, amount - 100, final: true);
                }

                return;
            case < 90:
                if (await Post($"/v1/authorizations/{id}/reversals", new JsonObject { ["amount"] = LineSetup.Money(amount / 2) }, "-v") is not null)
                {
                    book.Reversed(id, amount / 2);
                }

                return;
            default:
                if (await Post($"/v1/authorizations/{id}/reversals", new JsonObject(), "-x") is not null)
                {
                    book.Reversed(id, null);
                }

                return;
        }
    }
}
