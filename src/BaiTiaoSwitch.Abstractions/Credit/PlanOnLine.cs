namespace BaiTiaoSwitch.Credit;

/// <summary>
/// A plan as the account knows it: the capture it was made on and its principal not yet billed (lowered by refunds
/// and by each acknowledged cut that billed a period of it). Gone from the account once nothing of it is unbilled.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.PlanOnLine")]
public sealed record PlanOnLine(
    [property: Id(0)] string PlanId,
    [property: Id(1)] string CaptureId,
    [property: Id(2)] long UnbilledPrincipal);
