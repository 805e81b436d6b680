namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The answer of the account's move of a capture's principal onto a plan. <see cref="Correction"/> is false when it
/// was recorded as ConvertedToInstallments in the capture's own period (not yet cut), true when as a
/// PrincipalCorrection in the period of <see cref="CutDate"/> (the capture was already billed).
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.PlanPrincipalMoved")]
public sealed record PlanPrincipalMoved(
    [property: Id(0)] string PlanId,
    [property: Id(1)] string CaptureId,
    [property: Id(2)] long Principal,
    [property: Id(3)] DateOnly CutDate,
    [property: Id(4)] bool Correction,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] CreditUse Use);
