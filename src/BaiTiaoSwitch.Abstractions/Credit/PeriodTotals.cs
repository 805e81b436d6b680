namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The credit movements the account made in one statement period not yet cut (the period ending with the cut on
/// <see cref="CutDate"/>), as per-kind totals, never a per-payment list. Amounts are positive minor units; each total is
/// the movement of the kind its name says (<see cref="CreditMovementKind"/>). <see cref="LastAt"/> is the account-clock
/// instant of the latest movement counted (inside the period), for the statement's movements.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.PeriodTotals")]
public sealed record PeriodTotals(
    [property: Id(0)] DateOnly CutDate,
    [property: Id(1)] long Purchases,
    [property: Id(2)] long Refunds,
    [property: Id(3)] long ConvertedToInstallments,
    [property: Id(4)] long PrincipalCorrections,
    [property: Id(5)] long RepaymentsOfPrincipal,
    [property: Id(6)] long RepaymentsOfFees,
    [property: Id(7)] DateTimeOffset LastAt)
{
    public static PeriodTotals Empty(DateOnly cutDate, DateTimeOffset at) => new(cutDate, 0, 0, 0, 0, 0, 0, at);
}
