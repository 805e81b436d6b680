using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Credit;

/// <summary>
/// Plan and statement ids, each resolvable to its account without asking the credit grain. A capture is on one plan
/// at most, so a plan id is its capture's id with another prefix (<c>ip_…</c>), and routes like the capture. A statement
/// id is deterministic per (account, cut date), so a cut that runs again finds the same statement:
/// <c>st_{yyyyMMdd}_{accountId}</c> when that fits in <see cref="Ids.IdLengthMax"/>, else <c>sh_{yyyyMMdd}_{hash}</c>,
/// whose account the <see cref="IStatementIndexGrain"/> of that id holds (written before the id is ever answered).
/// </summary>
public static class CreditIds
{
    public const string PlanPrefix = "ip_";
    public const string StatementPrefix = "st_";
    public const string HashedStatementPrefix = "sh_";

    /// <summary>The plan id of the plan made on <paramref name="captureId"/>.</summary>
    public static string Plan(string captureId) =>
        PaymentIds.AuthorizationIdOfCapture(captureId) is null
            ? throw new NotFoundException("No such capture.")
            : PlanPrefix + captureId[3..];

    /// <summary>The capture a plan id was made on; null when it is not a plan id.</summary>
    public static string? CaptureOfPlan(string? planId)
    {
        if (planId is null || !planId.StartsWith(PlanPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var captureId = "cp_" + planId[PlanPrefix.Length..];
        return PaymentIds.AuthorizationIdOfCapture(captureId) is null ? null : captureId;
    }

    /// <summary>The statement id of <paramref name="accountId"/>'s statement cut on <paramref name="cutDate"/>.</summary>
    public static string Statement(string accountId, DateOnly cutDate)
    {
        var date = cutDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var embedded = $"{StatementPrefix}{date}_{accountId}";
        if (embedded.Length <= Ids.IdLengthMax)
        {
            return embedded;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountId)))[..32];
        return $"{HashedStatementPrefix}{date}_{hash}";
    }

    /// <summary>True when the statement id's account is held by its <see cref="IStatementIndexGrain"/>.</summary>
    public static bool IsIndexed(string statementId) => statementId.StartsWith(HashedStatementPrefix, StringComparison.Ordinal);

    /// <summary>The account embedded in a statement id; null when it is not an embedding statement id.</summary>
    public static string? AccountOfStatement(string? statementId)
    {
        if (!Ids.IsWellFormed(statementId) || !statementId!.StartsWith(StatementPrefix, StringComparison.Ordinal) || statementId.Length < 13 || statementId[11] != '_')
        {
            return null;
        }

        return statementId[12..];
    }
}
