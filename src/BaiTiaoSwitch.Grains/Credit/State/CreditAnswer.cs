namespace BaiTiaoSwitch.Credit;

/// <summary>The answer of a keyed request (the plan it made, or the repayment), kept so a retry gets the same.</summary>
[GenerateSerializer, Immutable, Alias("bts.CreditAnswer")]
public sealed record CreditAnswer(
    [property: Id(0)] string Scope,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] string? PlanId,
    [property: Id(3)] Repayment? Repayment);
