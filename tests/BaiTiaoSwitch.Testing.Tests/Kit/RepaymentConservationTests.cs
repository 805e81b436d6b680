using BaiTiaoSwitch.Testing.Conservation;
using Xunit;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

/// <summary>Posted = captures − refunds − principal repaid, with principal repaid read from the account's stored header.</summary>
[Collection(MemoryKitCollection.Name)]
public sealed class RepaymentConservationTests(MemoryKitCluster cluster)
{
    [Fact]
    public async Task A_line_repaid_after_a_capture_conserves_and_the_check_fails_when_the_tests_ledger_ignores_the_repayment()
    {
        var line = await cluster.OpenLineAsync(10_000);
        var grant = await Payments.GrantAsync(cluster, await cluster.IssueCardAsync(line), "alipay");
        var ledger = new ExpectedLedger();
        var ignoring = new ExpectedLedger();
        var payment = await Payments.PayAsync(cluster, grant, 3_000);
        await cluster.Wallet("alipay").CaptureAsync(payment.AuthorizationId, Money.Fen(3_000));
        foreach (var each in new[] { ledger, ignoring })
        {
            each.Opened(payment.AuthorizationId, 3_000);
            each.Captured(payment.AuthorizationId, 3_000, final: true);
        }

        var repayment = await cluster.Issuer.RepayAsync(line.AccountId, Money.Fen(1_200));
        ledger.Repaid(repayment.Allocated.PrincipalRestored);

        Assert.Equal(1_200, repayment.Allocated.PrincipalRestored);
        Assert.Equal(1_200, (await cluster.ReadStoredLineAsync(line.AccountId)).PrincipalRepaid);
        Assert.Equal(8_200, (await cluster.Issuer.GetAccountAsync(line.AccountId)).Available.Amount);
        await cluster.AssertConservedAsync(line.AccountId, ledger);
        var failure = await Assert.ThrowsAsync<ConservationException>(() => cluster.AssertConservedAsync(line.AccountId, ignoring));
        Assert.Equal(
        [
            "posted the test expects from its captures and refunds: 3000, but 1800 computed from the 1 stored authorizations",
            "principal repaid the test expects from its repayments: 0, but 1200 computed from the 1 stored authorizations",
        ], failure.Violations);
    }
}
