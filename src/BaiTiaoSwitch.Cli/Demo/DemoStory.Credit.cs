using System.Globalization;
using BaiTiaoSwitch.Cli.Drivers;
using BaiTiaoSwitch.Cli.Output;

namespace BaiTiaoSwitch.Cli.Demo;

// The credit act (issue #9): a purchase on 12 installments with its APR, the line's sandbox clock moved to its
// statement, the statement printed and repaid, and the credit restored by exactly the principal repaid.
public sealed partial class DemoStory
{
    private const int PlanPeriods = 12;

    private async Task CreditProducts(string accountId, CancellationToken cancellationToken)
    {
        if (purchaseForPlan is not { } purchase)
        {
            narrator.Check(false, "a purchase captured in full to turn into installments");
            return;
        }

        var plan = await Installments(accountId, purchase, cancellationToken);
        var statement = await ClockToStatement(accountId, plan, cancellationToken);
        if (statement is not null)
        {
            await RepayStatement(accountId, plan, statement, cancellationToken);
        }
    }

    private async Task<PlanView> Installments(string accountId, CaptureView purchase, CancellationToken cancellationToken)
    {
        narrator.Step($"Turn a purchase into {PlanPeriods} installments (分期) and disclose its APR (年化利率)");
        var before = await driver.GetLineAsync(accountId, cancellationToken);
        var plan = await driver.CreateInstallmentPlanAsync(purchase.CaptureId, PlanPeriods, Key("plan"), cancellationToken);
        narrator.Say($"Plan {plan.PlanId} on capture {purchase.CaptureId}: {Yuan.Format(plan.Principal)} over {plan.Periods} statements, a fee of " +
                     $"{plan.FeeRatePerPeriod} of the original principal a period ({Yuan.Format(plan.FeePerPeriod)}), {Yuan.Format(plan.TotalFee)} in all.");
        var table = new Table(("期 Period", Align.Right), ("到期日 Due date", Align.Left), ("本金 Principal", Align.Right), ("手续费 Fee", Align.Right), ("应还 Due", Align.Right), ("状态 Status", Align.Left));
        foreach (var period in plan.Schedule)
        {
            table.Add(period.Period, period.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Yuan.Format(period.Principal), Yuan.Format(period.Fee),
                Yuan.Format(period.Principal + period.Fee), period.Status);
        }

        table.Add("合计", "Total", Yuan.Format(plan.Schedule.Sum(period => period.Principal)), Yuan.Format(plan.Schedule.Sum(period => period.Fee)),
            Yuan.Format(plan.Schedule.Sum(period => period.Principal + period.Fee)), "");
        narrator.Show(table);
        var flat = decimal.Parse(plan.FeeRatePerPeriod, CultureInfo.InvariantCulture) * 12 * 100;
        narrator.Say($"APR 年化利率: {plan.Apr}% — the internal rate of return of these payments, annualized (China's 2021 disclosure rule), " +
                     $"not the flat {flat.ToString("0.##", CultureInfo.InvariantCulture)}% a year the fee rate suggests.");

        var line = await driver.GetLineAsync(accountId, cancellationToken);
        narrator.Say();
        ShowLine(line);
        narrator.Check(plan.Principal == purchase.Amount && plan.Periods == PlanPeriods && plan.Status == "active",
            $"the plan holds the whole purchase ({Yuan.Format(purchase.Amount)}) over {PlanPeriods} periods");
        narrator.Check(plan.Schedule.Sum(period => period.Principal) == plan.Principal && plan.Schedule.Sum(period => period.Fee) == plan.TotalFee,
            "the schedule sums exactly, to the fen, to the principal and to the total fee");
        narrator.Check(decimal.TryParse(plan.Apr, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var apr) && apr > flat && apr <= 24m,
            $"the APR ({plan.Apr}%) is above the flat rate and within the 24% cap");
        narrator.Check(line.Posted == before.Posted && line.Available == before.Available && line.InstallmentsOutstanding == before.InstallmentsOutstanding + plan.Principal,
            $"the principal moved onto the plan: posted and available unchanged, {Yuan.Format(line.InstallmentsOutstanding)} outstanding on installments");
        CheckConservation(line);
        return plan;
    }

    private async Task<StatementView?> ClockToStatement(string accountId, PlanView plan, CancellationToken cancellationToken)
    {
        var line = await driver.GetLineAsync(accountId, cancellationToken);
        narrator.Step($"Move the line's sandbox clock to its statement (billing day {line.BillingDay}, China time)");
        var now = await driver.AdvanceClockAsync(accountId, 1, Key("clock-now"), cancellationToken);
        var cut = StatementClock.NextCut(now, line.BillingDay);
        var after = await driver.AdvanceClockAsync(accountId, (long)Math.Ceiling((cut - now).TotalSeconds) + 60, Key("clock-cut"), cancellationToken);
        narrator.Say($"The line's own clock moved from {StatementClock.China(now)} to {StatementClock.China(after)} (China time), past the end of its billing day;");
        narrator.Say("everything that came due ran, in order, once: the statement cut, and hold expiry.");
        var statements = await driver.ListStatementsAsync(accountId, cancellationToken);
        narrator.Check(after > cut && statements.Count == 1, $"the clock passed the cut and exactly one statement was cut ({statements.Count})");
        if (statements.Count == 0)
        {
            return null;
        }

        var statement = statements[0];
        narrator.Step("The statement (账单)");
        narrator.Show(StatementPrinter.Render(statement));
        narrator.Say();
        var first = plan.Schedule[0];
        narrator.Check(statement.NewBalance == statement.PreviousBalance + statement.Purchases - statement.Refunds + statement.InstallmentsDue + statement.Fees - statement.Repayments + statement.Corrections,
            "new balance = previous + purchases − refunds + installments due + fees − repayments + corrections");
        narrator.Check(statement.InstallmentsDue == first.Principal + first.Fee,
            $"it bills the plan's first period: {Yuan.Format(first.Principal)} principal + {Yuan.Format(first.Fee)} fee");
        narrator.Check(statement.Purchases == ledger.Captured - plan.Principal && statement.Refunds == ledger.Refunded,
            $"purchases are the captures less the one on installments ({Yuan.Format(ledger.Captured)} − {Yuan.Format(plan.Principal)}); refunds {Yuan.Format(ledger.Refunded)}");
        narrator.Check(statement.DueDate == first.DueDate && statement.MinimumDue <= statement.NewBalance && statement.Status == "open",
            $"due {statement.DueDate:yyyy-MM-dd} with the plan's first period; minimum {Yuan.Format(statement.MinimumDue)} ≤ new balance");
        return statement;
    }

    private async Task RepayStatement(string accountId, PlanView plan, StatementView statement, CancellationToken cancellationToken)
    {
        narrator.Step($"Repay the statement (还款): {Yuan.Format(statement.NewBalance)}");
        var before = await driver.GetLineAsync(accountId, cancellationToken);
        var repayment = await driver.RepayAsync(accountId, statement.NewBalance, Key("repay"), cancellationToken);
        ledger.Repaid(repayment.PrincipalRestored);
        narrator.Show(new Table(("还款分配 Allocated, in order", Align.Left), ("金额 Amount", Align.Right))
            .Add("滞纳金 Late fees", Yuan.Format(repayment.LateFees))
            .Add("分期手续费 Installment fees", Yuan.Format(repayment.InstallmentFees))
            .Add("分期本金 Installment principal", Yuan.Format(repayment.InstallmentPrincipal))
            .Add("账单余额 Statement balance", Yuan.Format(repayment.StatementBalance))
            .Add("未出账消费 Unbilled", Yuan.Format(repayment.Unbilled))
            .Add("合计 Total", Yuan.Format(repayment.Allocated)));
        var first = plan.Schedule[0];
        narrator.Check(repayment.Allocated == repayment.Amount && repayment.Amount == statement.NewBalance, "the allocation sums exactly to the repayment");
        narrator.Check(repayment.LateFees == 0 && repayment.InstallmentFees == first.Fee && repayment.InstallmentPrincipal == first.Principal,
            "fees first, then installment principal due, then the statement balance");

        narrator.Step("The credit restored, and conservation");
        var after = await driver.GetLineAsync(accountId, cancellationToken);
        ShowLine(after);
        narrator.Say($"On installments still: {Yuan.Format(after.InstallmentsOutstanding)} (not yet billed, so not yet owed; it still uses the limit).");
        var restored = after.Available - before.Available;
        narrator.Check(restored == repayment.PrincipalRestored,
            $"the repayment restored exactly the principal it paid ({Yuan.Format(restored)}); the {Yuan.Format(repayment.InstallmentFees + repayment.LateFees)} of fees restored none");
        narrator.Check(after.InstallmentsOutstanding == plan.Principal - first.Principal, "the plan's first period left the installments outstanding");
        narrator.Check(after.Posted == ledger.Posted,
            $"posted {Yuan.Format(after.Posted)} = captures {Yuan.Format(ledger.Captured)} − refunds {Yuan.Format(ledger.Refunded)} − principal repaid {Yuan.Format(ledger.PrincipalRepaid)}");
        CheckConservation(after);
        var paid = (await driver.ListStatementsAsync(accountId, cancellationToken))[0];
        narrator.Check(paid.StatementId == statement.StatementId && paid.Paid == statement.NewBalance && paid.Status == "paid",
            $"the statement is paid ({StatementPrinter.StatusLabel(paid.Status)})");
    }
}
