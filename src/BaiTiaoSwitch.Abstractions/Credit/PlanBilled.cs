namespace BaiTiaoSwitch.Credit;

/// <summary>Principal of a plan billed by one statement cut: the account lowers the plan's unbilled principal by it.</summary>
[GenerateSerializer, Immutable, Alias("bts.PlanBilled")]
public sealed record PlanBilled(
    [property: Id(0)] string PlanId,
    [property: Id(1)] long Principal);
