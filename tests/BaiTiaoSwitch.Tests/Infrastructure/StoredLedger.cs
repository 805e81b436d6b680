using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using Xunit;

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

    /// <summary>Guarantee 2: limit − available = Σ open holds + posted, and posted = Σ captures − Σ refunds.</summary>
    public static void AssertConserved(AccountBook book)
    {
        var header = book.Header;
        var open = book.Authorizations.Values.Where(record => record.Status == AuthorizationStatus.Pending).ToList();
        Assert.Equal(open.Sum(record => record.Held), header.Pending);
        Assert.Equal(open.Count, header.OpenHolds);
        var captured = book.Authorizations.Values.Sum(record => record.Captured);
        var refunded = book.Authorizations.Values.Sum(record => record.Refunded);
        Assert.Equal(captured - refunded, header.Posted);
        Assert.Equal(header.CreditLimit - header.Available, header.Pending + header.Posted);
    }
}
