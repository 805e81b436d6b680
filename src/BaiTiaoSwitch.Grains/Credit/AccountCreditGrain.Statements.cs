using System.Globalization;

namespace BaiTiaoSwitch.Credit;

// Statements: the hot ones with their standing now, then the archived ones (closed, frozen as they left hot state).
public sealed partial class AccountCreditGrain
{
    public async Task<IReadOnlyList<Statement>> ListStatements()
    {
        AsSwitch();
        var (line, calendar) = await Prepare();
        var listed = State.Statements.Select(entry => Standing(entry, line, calendar)).Reverse().ToList();
        for (var year = State.ArchivedYearLast; year is { } y && y >= State.ArchivedYearFirst && listed.Count < options.StatementsListedMax; year--)
        {
            var archived = await GrainFactory.GetGrain<ICreditArchiveGrain>(ICreditArchiveGrain.StatementsKey(AccountId, y)).Statements();
            listed.AddRange(archived.Where(statement => listed.All(kept => kept.StatementId != statement.StatementId)));
        }

        return [.. listed.OrderByDescending(statement => statement.PeriodEnd).Take(options.StatementsListedMax)];
    }

    public async Task<Statement> GetStatement(string statementId)
    {
        AsSwitch();
        Ids.Require(statementId, "statementId");
        if (CutDateOf(statementId) is not { } cutDate || CreditIds.Statement(AccountId, cutDate) != statementId)
        {
            throw new NotFoundException("No such statement.");
        }

        var (line, calendar) = await Prepare();
        if (State.Statements.FirstOrDefault(entry => entry.Statement.StatementId == statementId) is { } hot)
        {
            return Standing(hot, line, calendar);
        }

        var archived = await GrainFactory.GetGrain<ICreditArchiveGrain>(ICreditArchiveGrain.StatementsKey(AccountId, cutDate.Year)).Statements();
        return archived.FirstOrDefault(statement => statement.StatementId == statementId) ?? throw new NotFoundException("No such statement.");
    }

    private static DateOnly? CutDateOf(string statementId) =>
        statementId.Length >= 11 && DateOnly.TryParseExact(statementId[3..11], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var cutDate)
            ? cutDate
            : null;

    private static Statement Standing(StatementEntry entry, CreditLine line, StatementPeriods calendar) =>
        StatementStanding.With(entry.Statement, entry.RepaidSinceCut, line.Now, calendar);

    /// <summary>
    /// Upkeep: finished plans, and closed statements (paid, never the newest; past <see cref="CreditOptions.StatementsHotMax"/>
    /// the oldest whatever their standing), go to the archive; each is written there before it leaves hot state.
    /// </summary>
    private async Task Archive(CreditLine line, StatementPeriods calendar)
    {
        foreach (var finished in State.Plans.Where(PlanProgress.IsFinished).ToList())
        {
            await GrainFactory.GetGrain<ICreditArchiveGrain>(ICreditArchiveGrain.PlanKey(AccountId, finished.Plan.PlanId)).PutPlan(finished.Plan);
            await Commit(staged => staged.Plans.RemoveAll(entry => entry.Plan.PlanId == finished.Plan.PlanId));
        }

        while (State.Statements.Count > 1
            && (State.Statements.Count > options.StatementsHotMax
                || (Standing(State.Statements[0], line, calendar).Status == StatementStatus.Paid && State.Statements[0].LateFeesOwed == 0)))
        {
            var leaving = Standing(State.Statements[0], line, calendar);
            var year = CutDateOf(leaving.StatementId)!.Value.Year;
            await GrainFactory.GetGrain<ICreditArchiveGrain>(ICreditArchiveGrain.StatementsKey(AccountId, year)).PutStatements([leaving]);
            await Commit(staged =>
            {
                staged.Statements.RemoveAt(0);
                staged.ArchivedYearFirst = Math.Min(staged.ArchivedYearFirst ?? year, year);
                staged.ArchivedYearLast = Math.Max(staged.ArchivedYearLast ?? year, year);
            });
        }
    }

    /// <summary>Archiving after an answer is upkeep: what fails stays hot and leaves on the reminder's next run.</summary>
    private async Task TryArchive(CreditLine line, StatementPeriods calendar)
    {
        try
        {
            await Archive(line, calendar);
        }
        catch (Exception exception) when (exception is not OutcomeUnknownException)
        {
            LogBackgroundFailed(exception, AccountId, "archiving");
        }
    }
}
