using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Gateway.Wire;

namespace BaiTiaoSwitch.Gateway.Credit;

public sealed class InstallmentsBody
{
    /// <summary>Required: 3, 6, 12 or 24.</summary>
    public int? Periods { get; set; }
}

/// <summary>One period of a plan: principal and fee apart, due on the due date (YYYY-MM-DD) of the statement that bills it.</summary>
public sealed record InstallmentPeriodResponse(int Period, DateOnly DueDate, MoneyResponse Principal, MoneyResponse Fee, string Status);

/// <summary>
/// API.md InstallmentPlan. <c>feeRatePerPeriod</c> is a decimal fraction string with 4 decimals ("0.0050");
/// <c>apr</c> the annual percentage rate in percent with 2 decimals ("10.90"), the IRR of the plan's payments.
/// </summary>
public sealed record InstallmentPlanResponse(
    string PlanId,
    string CaptureId,
    string AccountId,
    MoneyResponse Principal,
    int Periods,
    string FeeRatePerPeriod,
    MoneyResponse FeePerPeriod,
    MoneyResponse TotalFee,
    string Apr,
    IReadOnlyList<InstallmentPeriodResponse> Schedule,
    string Status,
    DateTimeOffset CreatedAt);

public static class InstallmentPlanWire
{
    /// <summary>Decimals of <c>feeRatePerPeriod</c> on the wire, as API.md shows it ("0.0050").</summary>
    public const int FeeRateDecimals = 4;

    public static InstallmentPlanResponse ToWire(this InstallmentPlan plan) => new(
        plan.PlanId,
        plan.CaptureId,
        plan.AccountId,
        new MoneyResponse(plan.Principal, plan.Currency),
        plan.Periods,
        plan.FeeRatePerPeriod.ToFractionString(FeeRateDecimals),
        new MoneyResponse(plan.FeePerPeriod, plan.Currency),
        new MoneyResponse(plan.TotalFee, plan.Currency),
        plan.Apr,
        [.. plan.Schedule.Select(period => new InstallmentPeriodResponse(
            period.Period,
            period.DueDate,
            new MoneyResponse(period.Principal, plan.Currency),
            new MoneyResponse(period.Fee, plan.Currency),
            period.Status == InstallmentPeriodStatus.Paid ? "paid" : "due"))],
        plan.Status switch
        {
            InstallmentPlanStatus.Active => "active",
            InstallmentPlanStatus.PaidOff => "paid_off",
            _ => "cancelled",
        },
        plan.CreatedAt.ToUniversalTime());
}
