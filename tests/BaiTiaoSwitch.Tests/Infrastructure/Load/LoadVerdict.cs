using BaiTiaoSwitch.Testing.Conservation;

namespace BaiTiaoSwitch.Tests.Infrastructure.Load;

/// <summary>
/// What a load under faults must leave behind: every request answered (retried with its own key where it failed),
/// every acknowledged effect stored exactly as acknowledged, and no effect that nobody was told of.
/// </summary>
public static class LoadVerdict
{
    public static IReadOnlyList<string> Violations(PaymentLoad load, StoredLine stored)
    {
        var violations = new List<string>();
        violations.AddRange(load.Tally.Unresolved.Select(key => "never resolved by retrying its key: " + key));
        violations.AddRange(load.Tally.Unexpected.Select(error => "final error on a valid request: " + error));

        var byId = stored.Holds.ToDictionary(hold => hold.AuthorizationId, StringComparer.Ordinal);
        var expected = load.Expected.Holds();
        foreach (var (id, wanted) in expected)
        {
            if (!byId.TryGetValue(id, out var actual) || !actual.IsApproved)
            {
                violations.Add($"acknowledged approval {id} is not stored as approved (lost)");
            }
            else if (actual != wanted)
            {
                violations.Add($"{id} is stored as {actual}, but what was acknowledged makes it {wanted} (lost or applied twice)");
            }
        }

        var unacknowledged = stored.Holds.Where(hold => hold.IsApproved && !expected.ContainsKey(hold.AuthorizationId)).ToList();
        violations.AddRange(unacknowledged.Select(hold => $"{hold.AuthorizationId} ({hold.Amount}) is stored as approved but no answer approved it (applied twice?)"));
        var allAnswered = load.Tally.Unresolved.Count == 0 && load.Tally.Unexpected.Count == 0;
        if (allAnswered && stored.Holds.Count != load.AuthorizeKeys)
        {
            violations.Add($"{stored.Holds.Count} authorizations (approved or declined) are stored for {load.AuthorizeKeys} authorization keys: each key must take effect once");
        }

        return violations;
    }
}
