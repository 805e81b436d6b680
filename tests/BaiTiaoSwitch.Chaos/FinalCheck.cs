using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace BaiTiaoSwitch.Chaos;

/// <summary>One verdict of the run: a named check, whether it passed, and what was seen.</summary>
public sealed record Check(string Name, bool Passed, string Detail);

/// <summary>
/// The end of a run, from the HTTP API alone: every acknowledged authorization is readable with the values the client
/// was answered and then changed by acknowledged requests; each line's pending is the sum of its open holds (as the
/// client knows them and as the API shows them); posted is captures − refunds; nothing overspent the line.
/// </summary>
public sealed class FinalCheck(SameKeyRetry retry, string issuer, int concurrency)
{
    public async Task<IReadOnlyList<Check>> Run(Book book, IReadOnlyList<Line> lines, DateTimeOffset deadline)
    {
        var holds = book.Holds();
        var checks = new List<Check>
        {
            new("every_request_resolved_by_retrying_its_key", retry.Unresolved.Count == 0 && retry.FinalErrors.Count == 0,
                $"{retry.Operations} requests, {retry.RetriedOperations} retried, {retry.Unresolved.Count} never answered, {retry.FinalErrors.Count} refused: " +
                string.Join("; ", retry.Unresolved.Concat(retry.FinalErrors).Take(5))),
        };

        var shown = new ConcurrentDictionary<string, JsonNode>(StringComparer.Ordinal);
        var mismatches = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(holds, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (hold, _) =>
        {
            var read = await retry.Resolve(hold.Channel, HttpMethod.Get, $"/v1/authorizations/{hold.AuthorizationId}", null, null, deadline);
            if (read is null)
            {
                mismatches.Enqueue($"{hold.AuthorizationId}: not readable");
                return;
            }

            shown[hold.AuthorizationId] = read;
            var seen = (read["decision"]?.GetValue<string>(), read["status"]?.GetValue<string>(), Fen(read, "amount"), Fen(read, "captured"), Fen(read, "reversed"));
            var known = (hold.Approved ? "approved" : "declined", hold.Status, hold.Amount, hold.Captured, hold.Reversed);
            if (seen != known)
            {
                mismatches.Enqueue($"{hold.AuthorizationId}: shown {seen}, acknowledged {known}");
            }
        });
        checks.Add(new("acknowledged_authorizations_readable_with_acknowledged_values", mismatches.IsEmpty,
            $"{holds.Count} authorizations read ({holds.Count(hold => hold.Approved)} approved); {mismatches.Count} differ: {string.Join("; ", mismatches.Take(5))}"));

        var pending = new List<string>();
        var posted = new List<string>();
        var overspent = new List<string>();
        foreach (var line in lines)
        {
            var account = await retry.Resolve(issuer, HttpMethod.Get, $"/v1/accounts/{line.AccountId}", null, null, deadline);
            if (account is null)
            {
                pending.Add($"{line.AccountId}: account not readable");
                continue;
            }

            var mine = holds.Where(hold => hold.LineId == line.AccountId).ToList();
            var (reportedPending, reportedPosted) = (Fen(account, "pending"), Fen(account, "posted"));
            var (limit, available) = (Fen(account, "creditLimit"), Fen(account, "available"));
            var openKnown = mine.Sum(hold => hold.Remaining);
            var openShown = mine.Where(hold => shown.TryGetValue(hold.AuthorizationId, out var read) && read["status"]?.GetValue<string>() == "pending")
                .Sum(hold => Fen(shown[hold.AuthorizationId], "amount") - Fen(shown[hold.AuthorizationId], "captured") - Fen(shown[hold.AuthorizationId], "reversed"));
            var postedKnown = mine.Sum(hold => hold.Captured - hold.Refunded);
            if (reportedPending != openKnown || reportedPending != openShown)
            {
                pending.Add($"{line.AccountId}: pending {reportedPending}, open holds {openKnown} acknowledged, {openShown} shown");
            }

            if (reportedPosted != postedKnown)
            {
                posted.Add($"{line.AccountId}: posted {reportedPosted}, captures − refunds acknowledged {postedKnown}");
            }

            if (reportedPending + reportedPosted > limit || available < 0 || limit - available != reportedPending + reportedPosted || limit != line.CreditLimit)
            {
                overspent.Add($"{line.AccountId}: limit {limit}, available {available}, pending {reportedPending}, posted {reportedPosted}");
            }
        }

        checks.Add(new("pending_equals_the_sum_of_open_holds", pending.Count == 0, pending.Count == 0 ? $"{lines.Count} lines" : string.Join("; ", pending)));
        checks.Add(new("posted_equals_captures_minus_refunds", posted.Count == 0, posted.Count == 0 ? $"{lines.Count} lines" : string.Join("; ", posted)));
        checks.Add(new("no_line_overspent", overspent.Count == 0, overspent.Count == 0 ? $"{lines.Count} lines" : string.Join("; ", overspent)));
        return checks;
    }

    private static long Fen(JsonNode node, string field) => node[field]?["amount"]?.GetValue<long>() ?? long.MinValue;
}
