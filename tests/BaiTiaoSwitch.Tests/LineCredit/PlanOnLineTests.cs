using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
using Xunit;

namespace BaiTiaoSwitch.Tests.LineCredit;

/// <summary>Guarantee 12, the line's side: a plan keeps the line's use unchanged, and a refund on a plan splits by its unbilled principal.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PlanOnLineTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Moving_a_capture_to_installments_keeps_posted_and_available_and_a_second_plan_on_it_is_refused()
    {
        var line = await CreditLines.Create(fixture.Cluster);
        var captureId = await line.Purchase(6_000);
        var before = await line.Snapshot();

        var moved = await line.Account.MoveToInstallments(CreditLines.Key(), captureId, "pl_first", 6_000);

        var after = await line.Snapshot();
        Assert.Equal(before.Posted, after.Posted);
        Assert.Equal(before.Available, after.Available);
        Assert.Equal(6_000, after.InstallmentsOutstanding.Amount);
        Assert.False(moved.Correction);
        Assert.Equal(new CreditUse(6_000, 6_000, 0), moved.Use);
        var credit = await line.Account.ReadCreditLine();
        Assert.Equal([new PlanOnLine("pl_first", captureId, 6_000)], credit.Plans);
        Assert.Equal(6_000, Assert.Single(credit.Periods).ConvertedToInstallments);

        var second = await Assert.ThrowsAsync<OperationRejectedException>(() => line.Account.MoveToInstallments(CreditLines.Key(), captureId, "pl_second", 6_000));
        Assert.Equal(ErrorCodes.InvalidTransition, second.Code);
        Assert.Equal(6_000, (await line.Snapshot()).InstallmentsOutstanding.Amount);
        Assert.Single((await line.Account.ReadCreditLine()).Plans);
    }

    [Fact]
    public async Task A_plan_with_a_stale_principal_or_on_an_unknown_capture_is_refused_and_changes_nothing()
    {
        var line = await CreditLines.Create(fixture.Cluster);
        var captureId = await line.Purchase(5_000);
        await line.Scenario.Wallet("alipay").RefundAsync(captureId, Money.Fen(1_000));

        var stale = await Assert.ThrowsAsync<OperationRejectedException>(() => line.Account.MoveToInstallments(CreditLines.Key(), captureId, "pl_stale", 5_000));
        Assert.Equal(ErrorCodes.InvalidTransition, stale.Code);
        await Assert.ThrowsAsync<NotFoundException>(() => line.Account.MoveToInstallments(CreditLines.Key(), captureId[..^1] + "9", "pl_none", 4_000));
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => line.Account.MoveToInstallments(CreditLines.Key(), captureId, "pl bad id", 4_000));
        Assert.Equal(ErrorCodes.InvalidId, bad.Code);

        Assert.Equal(0, (await line.Snapshot()).InstallmentsOutstanding.Amount);
        Assert.Empty((await line.Account.ReadCreditLine()).Plans);
    }

    [Fact]
    public async Task A_refund_on_a_plan_capture_takes_the_plans_unbilled_principal_first_and_the_rest_from_the_revolving_balance()
    {
        var line = await CreditLines.Create(fixture.Cluster);
        var ledger = new ExpectedLedger();
        var captureId = await line.Purchase(10_000, ledger);
        await line.Account.MoveToInstallments(CreditLines.Key(), captureId, "pl_refunded", 10_000);
        var cut = await line.ClockPastOldestCut();

        // The first statement billed 4,000 of the plan: 6,000 stays unbilled.
        await line.Account.AcknowledgeCut(CreditLines.Key(), cut, [new PlanBilled("pl_refunded", 4_000)], 0);
        var refund = await line.Scenario.Wallet("alipay").RefundAsync(captureId, Money.Fen(7_000));
        ledger.Refunded(PaymentIds.AuthorizationIdOfCapture(captureId)!, 7_000);

        var credit = await line.Account.ReadCreditLine();
        var planRefund = Assert.Single(credit.PlanRefunds);
        Assert.Equal((1L, "pl_refunded", refund.RefundId, 7_000L, 6_000L, 1_000L), (planRefund.Sequence, planRefund.PlanId, planRefund.RefundId, planRefund.Amount, planRefund.PrincipalReduced, planRefund.ToBalance));
        Assert.Equal(new CreditUse(3_000, 4_000, 0), credit.Use);
        Assert.Equal(0, Assert.Single(credit.Plans).UnbilledPrincipal);
        Assert.Equal(1_000, Assert.Single(credit.Periods).Refunds);
        await StoredLedger.AssertConserved(fixture.Cluster, line.Scenario, ledger);

        // The next cut acknowledges the refund; the plan, with nothing unbilled, leaves the line.
        var next = await line.ClockPastOldestCut();
        await line.Account.AcknowledgeCut(CreditLines.Key(), next, [], planRefund.Sequence);
        credit = await line.Account.ReadCreditLine();
        Assert.Empty(credit.PlanRefunds);
        Assert.Empty(credit.Plans);
        Assert.Equal(next, credit.LastAcknowledgedCut);
    }

    [Fact]
    public async Task Acknowledging_a_cut_twice_changes_nothing_the_second_time()
    {
        var line = await CreditLines.Create(fixture.Cluster);
        var captureId = await line.Purchase(9_000);
        await line.Account.MoveToInstallments(CreditLines.Key(), captureId, "pl_twice", 9_000);

        // Past the cut, the line's upkeep wakes its credit grain, whose own cut knows nothing of a plan made on the
        // account directly and would acknowledge it first under load. Its write waits, so this test's come first.
        var creditCut = ClusterFactory.Faults(fixture.Cluster).Hold(StorageNames.Entities, target => target.Contains("credit", StringComparison.Ordinal) && target.Contains(line.Scenario.AccountId, StringComparison.Ordinal));
        try
        {
            var cut = await line.ClockPastOldestCut();

            await line.Account.AcknowledgeCut(CreditLines.Key(), cut, [new PlanBilled("pl_twice", 3_000)], 0);
            await line.Account.AcknowledgeCut(CreditLines.Key(), cut, [new PlanBilled("pl_twice", 3_000)], 0);

            var credit = await line.Account.ReadCreditLine();
            Assert.Equal(6_000, Assert.Single(credit.Plans).UnbilledPrincipal);
            Assert.Empty(credit.Periods);
        }
        finally
        {
            creditCut.Release();
        }
    }
}
