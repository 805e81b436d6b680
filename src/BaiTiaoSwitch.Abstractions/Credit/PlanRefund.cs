namespace BaiTiaoSwitch.Credit;

/// <summary>
/// A refund of a capture on a plan, recorded by the account for the credit grain (which rebuilds the plan with
/// <c>InstallmentRefund.Apply</c>). <see cref="Sequence"/> rises by one per plan refund on the line, so the credit grain
/// applies each once and acknowledges them through a sequence number. <see cref="PrincipalReduced"/> came off the
/// plan's unbilled principal (min(refund, unbilled)); <see cref="ToBalance"/> went to the revolving balance.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.PlanRefund")]
public sealed record PlanRefund(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string PlanId,
    [property: Id(2)] string RefundId,
    [property: Id(3)] long Amount,
    [property: Id(4)] long PrincipalReduced,
    [property: Id(5)] long ToBalance,
    [property: Id(6)] DateTimeOffset At);
