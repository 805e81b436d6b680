using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The credit-product part of a journal entry (what the batch changed) or of a snapshot (all of it): the open period
/// buckets, the plans on the line and the plan refunds not yet acknowledged. Each is small and bounded by a setting.
/// </summary>
[GenerateSerializer, Alias("bts.CreditImage")]
public sealed class CreditImage
{
    [Id(0)] public List<PeriodTotals> Periods { get; set; } = [];

    [Id(1)] public List<string> RemovedPeriods { get; set; } = [];

    [Id(2)] public List<PlanOnLine> Plans { get; set; } = [];

    [Id(3)] public List<string> RemovedPlans { get; set; } = [];

    [Id(4)] public List<PlanRefund> PlanRefunds { get; set; } = [];

    [Id(5)] public List<string> RemovedPlanRefunds { get; set; } = [];
}
