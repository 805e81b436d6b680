namespace BaiTiaoSwitch.Credit;

/// <summary>One plan not yet finished: the plan, how many of its periods were billed, and what each period has had paid.</summary>
[GenerateSerializer, Alias("bts.PlanEntry")]
public sealed class PlanEntry
{
    [Id(0)] public InstallmentPlan Plan { get; set; } = null!;

    [Id(1)] public int BilledPeriods { get; set; }

    /// <summary>Principal paid per period (index = period − 1).</summary>
    [Id(2)] public List<long> PrincipalPaid { get; set; } = [];

    /// <summary>Fee paid per period (index = period − 1).</summary>
    [Id(3)] public List<long> FeePaid { get; set; } = [];
}
