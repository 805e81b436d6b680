using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
using Xunit;

namespace BaiTiaoSwitch.Tests.LineCredit;

/// <summary>Guarantee 12, repayments: exactly the principal paid comes back, once per key, and never more than is owed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RepaymentOnLineTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Long = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_repayment_restores_exactly_the_principal_it_paid_and_never_the_fees()
    {
        var line = await CreditLines.Create(fixture.Cluster, limit: 20_000);
        var ledger = new ExpectedLedger();
        await line.Purchase(8_000, ledger);
        var before = await line.Snapshot();
        var owed = RepaymentOwed.Nothing with { LateFees = [new OwedItem("st_late", Long, 300)] };

        var repaid = await line.Account.Repay(CreditLines.Key(), 2_300, owed);
        ledger.Repaid(repaid.Allocation.Allocated.PrincipalRestored);

        Assert.Equal(new RepaymentAllocated(300, 0, 0, 0, 2_000), repaid.Allocation.Allocated);
        var after = await line.Snapshot();
        Assert.Equal(before.Available.Amount + 2_000, after.Available.Amount);
        Assert.Equal(before.Posted.Amount - 2_000, after.Posted.Amount);
        Assert.Equal(new CreditUse(6_000, 0, 2_000), repaid.Use);
        var period = Assert.Single((await line.Account.ReadCreditLine()).Periods);
        Assert.Equal((2_000L, 300L), (period.RepaymentsOfPrincipal, period.RepaymentsOfFees));
        await StoredLedger.AssertConserved(fixture.Cluster, line.Scenario, ledger);
    }

    [Fact]
    public async Task A_repayment_of_more_than_is_owed_is_refused_with_repayment_exceeds_balance_and_changes_nothing()
    {
        var line = await CreditLines.Create(fixture.Cluster, limit: 20_000);
        var captureId = await line.Purchase(5_000);
        await line.Account.MoveToInstallments(CreditLines.Key(), captureId, "pl_unbilled", 5_000);
        await line.Purchase(1_000);
        var before = await line.Snapshot();

        // Unbilled plan principal is not owed yet, and statement items are clamped to the revolving principal posted.
        var owed = RepaymentOwed.Nothing with { StatementBalance = [new OwedItem("st_inflated", Long, 50_000)] };
        var refused = await Assert.ThrowsAsync<OperationRejectedException>(() => line.Account.Repay(CreditLines.Key(), 1_001, owed));

        Assert.Equal(ErrorCodes.RepaymentExceedsBalance, refused.Code);
        Assert.Equal(before, await line.Snapshot());
        Assert.DoesNotContain((await line.Account.ReadCreditLine()).Periods, period => period.RepaymentsOfPrincipal > 0);
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => line.Account.Repay(CreditLines.Key(), 0, RepaymentOwed.Nothing));
        Assert.Equal(ErrorCodes.InvalidAmount, bad.Code);
    }

    [Fact]
    public async Task Concurrent_duplicate_repayments_with_one_key_apply_once()
    {
        var line = await CreditLines.Create(fixture.Cluster, limit: 20_000);
        var ledger = new ExpectedLedger();
        await line.Purchase(9_000, ledger);
        var key = CreditLines.Key();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => line.Account.Repay(key, 4_000, RepaymentOwed.Nothing))));
        ledger.Repaid(4_000);

        Assert.Single(answers.Select(answer => (answer.RepaymentId, answer.Allocation.Allocated, answer.At, answer.Use)).Distinct());
        Assert.All(answers, answer => Assert.Equal(answers[0].Allocation.Items, answer.Allocation.Items));
        var after = await line.Snapshot();
        Assert.Equal(5_000, after.Posted.Amount);
        Assert.Equal(4_000, (await line.Account.ReadCreditLine()).Use.PrincipalRepaid);
        await StoredLedger.AssertConserved(fixture.Cluster, line.Scenario, ledger);
    }

    [Fact]
    public async Task A_repayment_resent_with_its_key_and_fresher_owed_figures_gets_its_recorded_answer()
    {
        var line = await CreditLines.Create(fixture.Cluster, limit: 20_000);
        await line.Purchase(9_000);
        var key = CreditLines.Key();
        var first = await line.Account.Repay(key, 3_000, RepaymentOwed.Nothing);

        var again = await line.Account.Repay(key, 3_000, RepaymentOwed.Nothing with { LateFees = [new OwedItem("st_late", Long, 500)] });

        Assert.Equal((first.RepaymentId, first.Allocation.Allocated, first.At), (again.RepaymentId, again.Allocation.Allocated, again.At));
        Assert.Equal(6_000, (await line.Snapshot()).Posted.Amount);
        var reused = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => line.Account.Repay(key, 3_001, RepaymentOwed.Nothing));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Code);
    }

    [Fact]
    public async Task A_repayment_racing_payments_on_the_same_line_never_overspends_and_the_line_conserves()
    {
        const long limit = 30_000;
        var line = await CreditLines.Create(fixture.Cluster, limit);
        var ledger = new ExpectedLedger();
        await line.Purchase(20_000, ledger);

        var payments = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            var authorization = await line.Scenario.Pay("alipay", 1_500 + (i * 37));
            if (authorization.Decision == Decision.Approved)
            {
                ledger.Opened(authorization.AuthorizationId, authorization.Amount.Amount);
                await line.Scenario.Wallet("alipay").CaptureAsync(authorization.AuthorizationId, authorization.Amount, final: true);
                ledger.Captured(authorization.AuthorizationId, authorization.Amount.Amount, final: true);
            }
        }));
        var repayments = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                var repaid = await line.Account.Repay(CreditLines.Key(), 1_000 + (i * 113), RepaymentOwed.Nothing);
                ledger.Repaid(repaid.Allocation.Allocated.PrincipalRestored);
            }
            catch (OperationRejectedException refused) when (refused.Code == ErrorCodes.RepaymentExceedsBalance)
            {
            }
        }));
        await Task.WhenAll(payments.Concat(repayments));

        var account = await line.Snapshot();
        Assert.InRange(account.Available.Amount, 0, limit);
        Assert.InRange(account.Posted.Amount, 0, limit);
        Assert.True(ledger.Totals().PrincipalRepaid > 0, "no repayment went through: the race was not run");
        await StoredLedger.AssertConserved(fixture.Cluster, line.Scenario, ledger);
    }
}
