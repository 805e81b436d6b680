using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Gateway.Grants;

public sealed record LimitsResponse(
    long? PerTransactionMax,
    long? DailyAmountMax,
    int? DailyCountMax,
    long? MonthlyAmountMax,
    int? MonthlyCountMax);

public sealed record GrantResponse(
    string GrantId,
    string Channel,
    string CardId,
    string Last4,
    string Status,
    string? WalletToken,
    LimitsResponse Limits,
    DateTimeOffset CreatedAt)
{
    public override string ToString() => $"GrantResponse({GrantId}, {Channel}, {Status})";
}

public sealed record GrantListResponse(IReadOnlyList<GrantResponse> Grants);

public static class GrantWire
{
    /// <summary>The wallet token shows only when <paramref name="viewer"/> owns the grant.</summary>
    public static GrantResponse ToWire(this Grant grant, Caller viewer) => new(
        grant.GrantId,
        grant.Channel,
        grant.CardId,
        grant.Last4,
        grant.Status switch
        {
            GrantStatus.PendingVerification => "pending_verification",
            GrantStatus.Active => "active",
            GrantStatus.Suspended => "suspended",
            GrantStatus.Revoked => "revoked",
            _ => "expired",
        },
        string.Equals(grant.Channel, viewer.Channel, StringComparison.Ordinal) ? grant.WalletToken : null,
        new LimitsResponse(grant.Limits.PerTransactionMax, grant.Limits.DailyAmountMax, grant.Limits.DailyCountMax, grant.Limits.MonthlyAmountMax, grant.Limits.MonthlyCountMax),
        grant.CreatedAt);
}
