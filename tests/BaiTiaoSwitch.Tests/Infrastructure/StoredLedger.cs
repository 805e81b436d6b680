using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Testing.Conservation;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>Reads a line straight from storage (snapshot + journal + archive) with the testing kit, bypassing every activation.</summary>
public static class StoredLedger
{
    public static IServiceProvider SiloServices(TestCluster cluster) =>
        ((InProcessSiloHandle)cluster.GetActiveSilos().First()).SiloHost.Services;

    public static Task<AccountBook> LoadBook(TestCluster cluster, string accountId) => StoredLine.LoadBookAsync(SiloServices(cluster), accountId);

    public static Task<StoredLine> LoadLine(TestCluster cluster, string accountId) => StoredLine.LoadAsync(SiloServices(cluster), cluster.GrainFactory, accountId);

    /// <summary>
    /// Guarantee 2, computed (the kit's <see cref="LineConservation"/>): pending from the stored open holds, posted from
    /// stored captures − refunds − principal repaid (archived ones included), compared with the account's stored
    /// counters, with what it reports, and with <paramref name="expected"/>, the test's own ledger, when the test kept
    /// one. Call it once the line is quiet.
    /// </summary>
    public static async Task AssertConserved(TestCluster cluster, Scenario scenario, ExpectedLedger? expected = null)
    {
        var stored = await LoadLine(cluster, scenario.AccountId);
        var snapshot = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        var reported = new ReportedLine(snapshot.CreditLimit.Amount, snapshot.Available.Amount, snapshot.Pending.Amount, snapshot.Posted.Amount, snapshot.OpenHolds);
        LineConservation.Assert(stored, reported, expected?.Totals());
    }
}
