namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The late fees charged on one statement so far: every day up to and including <see cref="ChargedThrough"/> has been
/// charged, <see cref="Charged"/> in all, never more than <see cref="Cap"/>. Charging again up to a day already covered
/// charges nothing, so a day can never be charged twice (see <c>LateFees</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.LateFeeAccrual")]
public sealed record LateFeeAccrual(
    [property: Id(0)] string StatementId,
    [property: Id(1)] DateOnly ChargedThrough,
    [property: Id(2)] long Charged,
    [property: Id(3)] long Cap);
