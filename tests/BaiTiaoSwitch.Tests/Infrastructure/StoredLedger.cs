using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure.Conservation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>Reads a line straight from Azure Storage (snapshot + journal), bypassing every activation.</summary>
public static class StoredLedger
{
    public static IServiceProvider SiloServices(TestCluster cluster) =>
        ((InProcessSiloHandle)cluster.GetActiveSilos().First()).SiloHost.Services;

    public static async Task<AccountBook> LoadBook(TestCluster cluster, string accountId)
    {
        var services = SiloServices(cluster);
        var options = services.GetRequiredService<IOptions<SwitchOptions>>().Value;
        var book = new AccountBook(accountId, options);
        await new AccountStore(accountId, services, options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Load(book, CancellationToken.None);
        return book;
    }

    /// <summary>
    /// Guarantee 2, computed: pending from the stored open holds, posted from stored captures − refunds (archived ones
    /// included), compared with the account's stored counters, with what it reports, and with <paramref name="expected"/>,
    /// the test's own ledger, when the test kept one. Call it once the line is quiet.
    /// </summary>
    public static async Task AssertConserved(TestCluster cluster, Scenario scenario, ExpectedLedger? expected = null)
    {
        var stored = await StoredLine.Load(cluster, scenario.AccountId);
        var snapshot = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        var reported = new ReportedLine(snapshot.CreditLimit.Amount, snapshot.Available.Amount, snapshot.Pending.Amount, snapshot.Posted.Amount, snapshot.OpenHolds);
        ConservationCheck.Assert(stored.Holds, stored.Counters, reported, expected?.Totals());
    }
}
