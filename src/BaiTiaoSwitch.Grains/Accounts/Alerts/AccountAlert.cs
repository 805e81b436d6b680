namespace BaiTiaoSwitch.Accounts;

[GenerateSerializer, Alias("bts.AlertSeverity")]
public enum AlertSeverity
{
    Low = 0,
    Medium = 1,
    High = 2,
}

/// <summary>
/// An alert the account raised about itself, kept in its state (at most <c>SwitchOptions.AlertsMax</c>, newest kept).
/// Today: <c>over_limit</c>, one per forced posting; High when the posting took the line over its limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.AccountAlert")]
public sealed record AccountAlert(
    [property: Id(0)] string AlertId,
    [property: Id(1)] string Kind,
    [property: Id(2)] AlertSeverity Severity,
    [property: Id(3)] string AuthorizationId,
    [property: Id(4)] string? CaptureId,
    [property: Id(5)] string GrantId,
    [property: Id(6)] string CardId,
    [property: Id(7)] long Amount,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] long Number)
{
    public const string OverLimit = "over_limit";
}
