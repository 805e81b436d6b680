namespace BaiTiaoSwitch.Credit;

/// <summary>What one cut tells the account: the cut date, each plan's principal it billed, and the plan refunds applied through.</summary>
[GenerateSerializer, Immutable, Alias("bts.CutAcknowledgement")]
public sealed record CutAcknowledgement(
    [property: Id(0)] DateOnly CutDate,
    [property: Id(1)] IReadOnlyList<PlanBilled> PlansBilled,
    [property: Id(2)] long RefundsThrough);
