namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>One period of an installment plan, in fen: principal and fee apart.</summary>
public sealed record PlanPeriodView(int Period, DateOnly DueDate, long Principal, long Fee, string Status);

/// <summary>An installment plan (分期) as API.md shows it, in fen; rates are the API's decimal strings.</summary>
public sealed record PlanView(
    string PlanId,
    string CaptureId,
    long Principal,
    int Periods,
    string FeeRatePerPeriod,
    long FeePerPeriod,
    long TotalFee,
    string Apr,
    IReadOnlyList<PlanPeriodView> Schedule,
    string Status);
