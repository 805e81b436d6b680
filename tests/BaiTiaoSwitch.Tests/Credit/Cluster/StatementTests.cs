using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class StatementTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_statement_is_cut_once_with_its_figures_when_the_clock_passes_the_billing_day_even_when_catch_up_runs_twice()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        await CreditLines.Purchase(scenario, 3_000);
        await CreditLines.Purchase(scenario, 2_001);
        Assert.Empty(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));

        CreditLines.AdvancePastCut(cut);
        var credit = SiloSide.Grains(fixture.Cluster).GetGrain<IAccountCreditGrain>(scenario.AccountId);
        var listings = await Task.WhenAll(
            scenario.Issuer.ListStatementsAsync(scenario.AccountId), scenario.Issuer.ListStatementsAsync(scenario.AccountId), credit.RunDue().ContinueWith(_ => (IReadOnlyList<Statement>)[]));
        await credit.RunDue();
        var statements = await scenario.Issuer.ListStatementsAsync(scenario.AccountId);

        var statement = Assert.Single(statements);
        Assert.Equal(statement, Assert.Single(listings[0]));
        Assert.Equal(CreditIds.Statement(scenario.AccountId, cut), statement.StatementId);
        Assert.Equal((0L, 5_001L, 0L, 0L, 0L, 0L), (statement.PreviousBalance, statement.Purchases, statement.Refunds, statement.InstallmentsDue, statement.Fees, statement.Repayments));
        Assert.Equal((5_001L, 5_001L, 501L), (statement.NewBalance, statement.PrincipalBalance, statement.MinimumDue));
        Assert.Equal(cut.AddDays(CreditTerms.Default.StatementDueDays), statement.DueDate);
        Assert.Equal((CreditLines.Calendar.PeriodStart(cut), CreditLines.Calendar.CutInstant(cut)), (statement.PeriodStart, statement.PeriodEnd));
        Assert.Equal((0L, StatementStatus.Open), (statement.Paid, statement.Status));
        Assert.Equal(statement, await scenario.Issuer.GetStatementAsync(statement.StatementId));
    }

    [Fact]
    public async Task A_late_fee_is_charged_once_per_day_however_often_the_line_catches_up()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        await CreditLines.Purchase(scenario, 60_000);
        CreditLines.AdvancePastCut(cut);
        var first = Assert.Single(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));
        var credit = SiloSide.Grains(fixture.Cluster).GetGrain<IAccountCreditGrain>(scenario.AccountId);

        // Day by day from the due date's end, each day caught up three times (two reads and the reminder's run).
        for (var day = first.DueDate.AddDays(1); day <= first.DueDate.AddDays(5); day = day.AddDays(1))
        {
            CreditLines.AdvanceTo(day);
            await scenario.Issuer.ListStatementsAsync(scenario.AccountId);
            await credit.RunDue();
            await scenario.Issuer.GetStatementAsync(first.StatementId);
        }

        Assert.Equal(StatementStatus.Overdue, (await scenario.Issuer.GetStatementAsync(first.StatementId)).Status);
        var next = cut.AddMonths(1);
        CreditLines.AdvancePastCut(next);
        var statements = await scenario.Issuer.ListStatementsAsync(scenario.AccountId);

        // 0.05% a day of the 60,000 overdue is 30 a day: every day from the due date's next to the next cut, once.
        var days = next.DayNumber - first.DueDate.DayNumber;
        Assert.Equal(2, statements.Count);
        Assert.Equal(CreditIds.Statement(scenario.AccountId, next), statements[0].StatementId);
        Assert.Equal(30L * days, statements[0].Fees);
        Assert.Equal(60_000 + (30L * days), statements[0].NewBalance);
    }

    [Fact]
    public async Task A_paid_statement_leaves_hot_state_for_the_archive_and_stays_readable()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        await CreditLines.Purchase(scenario, 4_000);
        CreditLines.AdvancePastCut(cut);
        var first = Assert.Single(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));
        await scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(4_000));
        CreditLines.AdvancePastCut(cut.AddMonths(1));
        await SiloSide.Grains(fixture.Cluster).GetGrain<IAccountCreditGrain>(scenario.AccountId).RunDue();

        var archive = SiloSide.Grains(fixture.Cluster).GetGrain<ICreditArchiveGrain>(ICreditArchiveGrain.StatementsKey(scenario.AccountId, cut.Year));
        var archived = Assert.Single(await archive.Statements());
        var read = await scenario.Issuer.GetStatementAsync(first.StatementId);
        var listed = await scenario.Issuer.ListStatementsAsync(scenario.AccountId);

        Assert.Equal(first.StatementId, archived.StatementId);
        Assert.Equal((4_000L, StatementStatus.Paid), (archived.Paid, archived.Status));
        Assert.Equal(archived, read);
        Assert.Equal([CreditIds.Statement(scenario.AccountId, cut.AddMonths(1)), first.StatementId], listed.Select(statement => statement.StatementId));
        Assert.Equal(StatementStatus.Paid, listed[0].Status);
        Assert.Equal(0, listed[0].NewBalance);
    }

    [Fact]
    public async Task The_credit_grain_keeps_a_reminder_that_cuts_a_statement_due_with_no_call_from_outside()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        await CreditLines.Purchase(scenario, 777);
        Assert.Empty(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));
        var credit = SiloSide.Grains(fixture.Cluster).GetGrain<IAccountCreditGrain>(scenario.AccountId);
        Assert.NotNull(await SiloSide.ReminderOnceStored(fixture.Cluster, credit.GetGrainId(), AccountCreditGrain.ReminderName));

        CreditLines.AdvancePastCut(cut);
        await credit.AsReference<IRemindable>().ReceiveReminder(AccountCreditGrain.ReminderName, default);

        var statement = Assert.Single(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));
        Assert.Equal(777, statement.NewBalance);
    }

    [Fact]
    public async Task A_line_that_never_used_a_credit_product_wakes_its_credit_grain_when_a_period_passes_its_cut()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        await CreditLines.Purchase(scenario, 888);
        CreditLines.AdvancePastCut(cut);
        var credit = SiloSide.Grains(fixture.Cluster).GetGrain<IAccountCreditGrain>(scenario.AccountId);
        var cutStored = ClusterFactory.Faults(fixture.Cluster).WhenStored(BaiTiaoSwitch.Storage.StorageNames.Entities, target => target == credit.GetGrainId().ToString());

        await SiloSide.Grains(fixture.Cluster).GetGrain<Accounts.ICreditAccountGrain>(scenario.AccountId).ExpireHolds();
        await cutStored.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotNull(await SiloSide.ReminderOnceStored(fixture.Cluster, credit.GetGrainId(), AccountCreditGrain.ReminderName));
        Assert.Equal(888, Assert.Single(await scenario.Issuer.ListStatementsAsync(scenario.AccountId)).NewBalance);
    }

    [Fact]
    public async Task Asking_for_the_statements_of_an_account_that_does_not_exist_leaves_no_reminder_behind()
    {
        var issuer = new BaiTiaoSwitch.Client.BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);
        var accountId = "acct-none-" + Guid.NewGuid().ToString("N")[..12];

        await Assert.ThrowsAsync<NotFoundException>(() => issuer.ListStatementsAsync(accountId));
        var credit = SiloSide.Grains(fixture.Cluster).GetGrain<IAccountCreditGrain>(accountId);

        Assert.Null(await SiloSide.Reminders(fixture.Cluster).ReadRow(credit.GetGrainId(), AccountCreditGrain.ReminderName));
    }

    [Fact]
    public async Task A_statement_of_an_account_whose_id_is_too_long_to_embed_is_found_through_its_index()
    {
        var issuer = new BaiTiaoSwitch.Client.BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);
        var accountId = "acct-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")[..27];
        await issuer.OpenAccountAsync(new Accounts.OpenAccountRequest(accountId, new Accounts.Holder("张三", "110101199003077777", "13800138000"), Money.Fen(100_000), 720));
        var card = await issuer.IssueCardAsync(accountId);
        var grant = await issuer.CreateGrantAsync(card.Card.CardId, new Grants.GrantRequest("alipay"));
        var scenario = new Scenario(issuer, accountId, card.Card.CardId, card.CardNumber, new Dictionary<string, Grants.Grant> { ["alipay"] = grant });
        var cut = CreditLines.CurrentCut();
        await CreditLines.Purchase(scenario, 1_500);
        CreditLines.AdvancePastCut(cut);

        var listed = Assert.Single(await issuer.ListStatementsAsync(accountId));
        var read = await issuer.GetStatementAsync(listed.StatementId);

        Assert.Equal(Ids.IdLengthMax, accountId.Length);
        Assert.True(CreditIds.IsIndexed(listed.StatementId));
        Assert.True(Ids.IsWellFormed(listed.StatementId));
        Assert.Equal(listed, read);
    }

    [Fact]
    public async Task Paying_the_minimum_keeps_a_statement_out_of_overdue_while_its_unpaid_principal_still_accrues_late_fees()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        await CreditLines.Purchase(scenario, 60_000);
        CreditLines.AdvancePastCut(cut);
        var first = Assert.Single(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));
        await scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(first.MinimumDue));

        CreditLines.AdvanceTo(first.DueDate.AddDays(3));
        var standing = await scenario.Issuer.GetStatementAsync(first.StatementId);
        var next = cut.AddMonths(1);
        CreditLines.AdvancePastCut(next);
        var statements = await scenario.Issuer.ListStatementsAsync(scenario.AccountId);

        // 0.05% a day of the 54,000 left unpaid is 27 a day, from the due date's next day to the next cut.
        Assert.Equal((6_000L, 6_000L, StatementStatus.Open), (first.MinimumDue, standing.Paid, standing.Status));
        Assert.Equal(27L * (next.DayNumber - first.DueDate.DayNumber), statements[0].Fees);
    }
}
