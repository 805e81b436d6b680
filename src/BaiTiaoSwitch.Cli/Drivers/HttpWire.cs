namespace BaiTiaoSwitch.Cli.Drivers;

// Answers of the HTTP API (API.md) as the demo reads them; members it does not need are left out.

internal sealed record WireMoney(long Amount, string Currency);

internal sealed record WireAccount(
    string AccountId, string Status, WireMoney CreditLimit, WireMoney Available, WireMoney Pending, WireMoney Posted, WireMoney? OverLimit, int BillingDay, WireMoney? InstallmentsOutstanding);

internal sealed record WireCard(string CardId, string AccountId, string Last4, string Expiry, string Status, string? CardNumber)
{
    public override string ToString() => $"WireCard({CardId}, •••• {Last4})";
}

internal sealed record WireGrant(string GrantId, string Channel, string CardId, string Last4, string Status, string? WalletToken)
{
    public override string ToString() => $"WireGrant({GrantId}, {Channel}, {Status})";
}

internal sealed record WireAuthorization(
    string AuthorizationId,
    string GrantId,
    string Status,
    string Decision,
    string? Reason,
    WireMoney Amount,
    WireMoney Captured,
    WireMoney Reversed,
    WireMoney AvailableCredit);

internal sealed record WireCapture(string CaptureId, string AuthorizationId, WireMoney Amount, bool OverLimit);

internal sealed record WireRefund(string RefundId, string CaptureId, WireMoney Amount);

internal sealed record WireOtp(string Otp)
{
    public override string ToString() => "WireOtp(***)";
}

internal sealed record WirePlanPeriod(int Period, DateOnly DueDate, WireMoney Principal, WireMoney Fee, string Status);

internal sealed record WirePlan(
    string PlanId, string CaptureId, string AccountId, WireMoney Principal, int Periods, string FeeRatePerPeriod, WireMoney FeePerPeriod, WireMoney TotalFee, string Apr,
    IReadOnlyList<WirePlanPeriod> Schedule, string Status);

internal sealed record WireStatement(
    string StatementId, string AccountId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateOnly DueDate, WireMoney PreviousBalance, WireMoney Purchases,
    WireMoney Refunds, WireMoney InstallmentsDue, WireMoney Fees, WireMoney Repayments, WireMoney? Corrections, WireMoney NewBalance, WireMoney MinimumDue, WireMoney Paid,
    string Status);

internal sealed record WireStatements(IReadOnlyList<WireStatement> Statements);

internal sealed record WireAllocated(WireMoney LateFees, WireMoney InstallmentFees, WireMoney InstallmentPrincipal, WireMoney StatementBalance, WireMoney Unbilled);

internal sealed record WireRepayment(string RepaymentId, string AccountId, WireMoney Amount, WireAllocated Allocated);

internal sealed record WireClock(string AccountId, DateTimeOffset Now);
