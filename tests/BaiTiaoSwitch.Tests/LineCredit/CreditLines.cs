using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.LineCredit;

/// <summary>A line set up for credit-product tests: purchases captured through a wallet, and the account as the credit grain calls it.</summary>
public sealed record CreditLines(TestCluster Cluster, Scenario Scenario)
{
    public static async Task<CreditLines> Create(TestCluster cluster, long limit = 100_000) =>
        new(cluster, await Scenario.Create(cluster.GrainFactory, limit, "alipay"));

    /// <summary>The account as the credit grain reaches it: from inside the cluster ([ClusterInternal] methods).</summary>
    public ICreditAccountGrain Account => Activations.SiloGrains(Cluster).GetGrain<ICreditAccountGrain>(Scenario.AccountId);

    /// <summary>Pays and captures <paramref name="amount"/> in full; returns the capture id.</summary>
    public async Task<string> Purchase(long amount, ExpectedLedger? ledger = null)
    {
        var authorization = await Scenario.Pay("alipay", amount);
        if (authorization.Decision != Decision.Approved)
        {
            throw new InvalidOperationException($"The purchase of {amount} was declined: {authorization.Reason}.");
        }

        ledger?.Opened(authorization.AuthorizationId, amount);
        var capture = await Scenario.Wallet("alipay").CaptureAsync(authorization.AuthorizationId, Money.Fen(amount), final: true);
        ledger?.Captured(authorization.AuthorizationId, amount, final: true);
        return capture.CaptureId;
    }

    public Task<AccountSnapshot> Snapshot() => Scenario.Issuer.GetAccountAsync(Scenario.AccountId);

    /// <summary>Moves the account's clock just past the cut of the oldest open period, so that it may be acknowledged.</summary>
    public async Task<DateOnly> ClockPastOldestCut()
    {
        var line = await Account.ReadCreditLine();
        var cut = line.Periods[0].CutDate;
        var calendar = StatementPeriods.For(line.BillingDay, CreditTerms.Default);
        var seconds = Math.Max(1, (long)Math.Ceiling((calendar.CutInstant(cut) - line.Now).TotalSeconds) + 1);
        await Account.AdvanceClock("clock-" + Guid.NewGuid().ToString("N"), seconds);
        return cut;
    }

    public static string Key() => "k-" + Guid.NewGuid().ToString("N");
}
