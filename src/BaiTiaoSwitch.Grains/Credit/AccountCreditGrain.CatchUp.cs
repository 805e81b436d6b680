namespace BaiTiaoSwitch.Credit;

// Catching up with the account's clock: plan refunds, then every cut due (each written, then acknowledged to the
// account, before the next), with the late-fee days before each cut; then the late-fee days up to the line's today.
public sealed partial class AccountCreditGrain
{
    private async Task CatchUp(CreditLine line, StatementPeriods calendar)
    {
        await AcknowledgeLastCut(line);
        if (line.PlanRefunds.Any(refund => refund.Sequence > State.RefundsAppliedThrough))
        {
            await Commit(staged => PlanProgress.ApplyRefunds(staged, line.PlanRefunds));
        }

        var today = calendar.LocalDate(line.Now);
        foreach (var cut in CreditCuts.Due(State, line, calendar))
        {
            var statementId = CreditIds.Statement(AccountId, cut);
            if (CreditIds.IsIndexed(statementId))
            {
                await GrainFactory.GetGrain<IStatementIndexGrain>(statementId).Record(AccountId);
            }

            CutAcknowledgement? acknowledgement = null;
            await Commit(staged =>
            {
                LateFeeDays.ChargeThrough(staged, cut < today ? cut : today, calendar, Terms);
                acknowledgement = CreditCuts.Cut(staged, line, cut, calendar, Terms);
            });
            await Acknowledge(acknowledgement!);
        }

        var charged = copier.Copy(State);
        if (LateFeeDays.ChargeThrough(charged, today, calendar, Terms))
        {
            await state.Write(charged);
        }
    }

    /// <summary>A cut stored but not yet acknowledged (a crash between the two) is acknowledged before anything else.</summary>
    private async Task AcknowledgeLastCut(CreditLine line)
    {
        if (State.LastCutAck is { } last && (line.LastAcknowledgedCut is not { } acknowledged || acknowledged < last.CutDate))
        {
            await Acknowledge(last);
        }
    }

    private Task Acknowledge(CutAcknowledgement cut) =>
        Account.AcknowledgeCut(AccountKeyOf("cut\u001f" + cut.CutDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)), cut.CutDate, cut.PlansBilled, cut.RefundsThrough);
}
