using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The line's credit-product state beside its header: period buckets by cut date, plans by plan id, plan refunds by
/// sequence. Changed only by the credit rules in the account's one synchronous step; journaled by change.
/// </summary>
public sealed class CreditBook
{
    public TrackedMap<PeriodTotals> Periods { get; } = new();

    public TrackedMap<PlanOnLine> Plans { get; } = new();

    public TrackedMap<PlanRefund> PlanRefunds { get; } = new();

    public bool HasChanges => Periods.HasChanges || Plans.HasChanges || PlanRefunds.HasChanges;

    public static string KeyOf(DateOnly cutDate) => cutDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public static string KeyOf(long sequence) => sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What changed since the last call, or null when nothing did.</summary>
    public CreditImage? TakeChanges()
    {
        if (!HasChanges)
        {
            return null;
        }

        var (periods, removedPeriods) = Periods.TakeChanges();
        var (plans, removedPlans) = Plans.TakeChanges();
        var (refunds, removedRefunds) = PlanRefunds.TakeChanges();
        return new CreditImage
        {
            Periods = periods, RemovedPeriods = removedPeriods, Plans = plans, RemovedPlans = removedPlans,
            PlanRefunds = refunds, RemovedPlanRefunds = removedRefunds,
        };
    }

    public CreditImage ToImage() => new()
    {
        Periods = [.. Periods.Values.Values],
        Plans = [.. Plans.Values.Values],
        PlanRefunds = [.. PlanRefunds.Values.Values],
    };

    public void Clear()
    {
        Periods.Clear();
        Plans.Clear();
        PlanRefunds.Clear();
    }

    public void Apply(CreditImage? image)
    {
        if (image is null)
        {
            return;
        }

        Periods.Apply(image.Periods.Select(period => KeyValuePair.Create(KeyOf(period.CutDate), period)), image.RemovedPeriods);
        Plans.Apply(image.Plans.Select(plan => KeyValuePair.Create(plan.PlanId, plan)), image.RemovedPlans);
        PlanRefunds.Apply(image.PlanRefunds.Select(refund => KeyValuePair.Create(KeyOf(refund.Sequence), refund)), image.RemovedPlanRefunds);
    }
}
