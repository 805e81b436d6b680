using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Tests.Model;

/// <summary>The credit-product steps of a model run: plans, repayments, acknowledged cuts and sandbox clock advances.</summary>
public sealed partial class ModelRun
{
    private static readonly DateTimeOffset Owed = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private (string Channel, string Descriptor, Func<Outcome> Model, Func<string, Outcome> Real)? ResolveCredit(KeyedOperation operation)
    {
        var issuer = Caller.Issuer("issuer");
        switch (operation)
        {
            case PlanStep plan when captureIds.Count > 0:
                var index = plan.Capture % captureIds.Count;
                var entry = model.CaptureEntries[index];
                var principal = entry.Amount - entry.Refunded;
                var planId = "pl_" + index;
                return principal < 1 ? null : ("issuer", $"plan|{index}|{principal}", () => model.Plan(entry, planId, Now),
                    key => real.Run(issuer, key, new MoveToInstallmentsOperation(real.Locator, captureIds[index], planId, principal), View));
            case RepayStep repay:
                var owed = RepaymentOwed.Nothing with
                {
                    LateFees = repay.LateFee > 0 ? [new OwedItem("late", Owed, repay.LateFee)] : [],
                    InstallmentPrincipal = [new OwedItem("inst", Owed, repay.InstallmentPrincipal)],
                    StatementBalance = [new OwedItem("st", Owed, repay.StatementBalance)],
                };
                return ("issuer", $"repay|{repay.Amount}", () => model.Repay(repay.Amount, repay.LateFee, repay.InstallmentPrincipal, repay.StatementBalance, Now),
                    key => real.Run(issuer, key, new RepayOperation(repay.Amount, owed), View));
            case CutStep cut:
                var date = model.Movements.Count > 0 ? model.Movements.Min(movement => movement.Period) : model.LastCut?.AddMonths(1) ?? ReferenceLine.CutOf(Now);
                var billed = model.PlanUnbilled.ToDictionary(plan => plan.Key, plan => plan.Value * cut.BilledPercent / 100);
                var through = model.PlanRefunds.Count > 0 ? model.PlanRefunds[^1].Sequence : 0;
                IReadOnlyList<PlanBilled> billedList = [.. billed.OrderBy(plan => plan.Key, StringComparer.Ordinal).Select(plan => new PlanBilled(plan.Key, plan.Value))];
                return ("issuer", $"cut|{date}", () => model.AcknowledgeCut(date, billed, through, Now),
                    key => real.Run(issuer, key, new AcknowledgeCutOperation(date, billedList, through), day => new Outcome($"cut:{day:yyyyMMdd}")));
            case ClockStep clock:
                return ("issuer", $"clock|{clock.Seconds}", () =>
                {
                    var after = Now.AddSeconds(clock.Seconds);
                    model.Expire(after);
                    return new Outcome("clock", after.UtcTicks);
                }, key => real.Run(issuer, key, new AdvanceClockOperation(clock.Seconds, Options.SandboxClockAdvanceMax), now => new Outcome("clock", now.UtcTicks)));
            default:
                return null;
        }
    }

    private static Outcome View(PlanPrincipalMoved moved) =>
        new($"plan:{moved.Correction}:{moved.CutDate:yyyyMMdd}", moved.Principal, moved.Use.InstallmentsOutstanding, moved.Use.Posted);

    private static Outcome View(RepaymentApplied repaid)
    {
        var paid = repaid.Allocation.Allocated;
        return new($"repay:{paid.LateFees}/{paid.InstallmentFees}/{paid.InstallmentPrincipal}/{paid.StatementBalance}/{paid.Unbilled}",
            repaid.Amount, repaid.Use.PrincipalRepaid, repaid.Use.InstallmentsOutstanding, repaid.Use.Posted);
    }

    /// <summary>The model's open periods, plans and plan refunds, as text.</summary>
    private string ModelCredit() => string.Join(" | ",
        model.PeriodTotals(),
        string.Join(";", model.PlanUnbilled.OrderBy(plan => plan.Key, StringComparer.Ordinal).Select(plan => $"{plan.Key}={plan.Value}")),
        string.Join(";", model.PlanRefunds.Select(refund => $"{refund.Sequence}:{refund.Plan}:{refund.Amount}:{refund.Reduced}:{refund.ToBalance}")));

    /// <summary>The same, from the real line's credit book.</summary>
    private string RealCredit()
    {
        var credit = real.Book.Credit;
        var totals = credit.Periods.Values.Values.SelectMany(period => new (string Kind, long Amount)[]
            {
                ("converted", period.ConvertedToInstallments), ("correction", period.PrincipalCorrections), ("purchase", period.Purchases),
                ("refund", period.Refunds), ("repaid-fees", period.RepaymentsOfFees), ("repaid-principal", period.RepaymentsOfPrincipal),
            }.Where(total => total.Amount != 0).Select(total => (period.CutDate, total.Kind, total.Amount)))
            .OrderBy(total => total.CutDate).ThenBy(total => total.Kind, StringComparer.Ordinal)
            .Select(total => $"{total.CutDate:yyyyMMdd}:{total.Kind}={total.Amount}");
        return string.Join(" | ",
            string.Join(";", totals),
            string.Join(";", credit.Plans.Values.Values.OrderBy(plan => plan.PlanId, StringComparer.Ordinal).Select(plan => $"{plan.PlanId}={plan.UnbilledPrincipal}")),
            string.Join(";", credit.PlanRefunds.Values.Values.OrderBy(refund => refund.Sequence).Select(refund => $"{refund.Sequence}:{refund.PlanId}:{refund.Amount}:{refund.PrincipalReduced}:{refund.ToBalance}")));
    }
}
