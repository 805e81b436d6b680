using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace BaiTiaoSwitch.Tests.CommitLog;

/// <summary>The head check an answer that writes nothing goes through: the latest writer passes it, a stale activation fails it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LineHeadTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_latest_writer_is_current_even_with_its_own_append_in_flight_and_a_stale_activation_is_not()
    {
        var services = StoredLedger.SiloServices(fixture.Cluster);
        var accountId = "head-" + Guid.NewGuid().ToString("N")[..12];
        var options = new SwitchOptions();
        var header = new AccountBook(accountId, options).Header;
        var first = new AccountStore(accountId, services, options, NullLogger.Instance);
        await first.Load(new AccountBook(accountId, options), CancellationToken.None);
        Assert.True(await first.IsCurrent());
        await first.Write(new AccountImage { Version = 1, Header = header }, null);

        // A check asked while the activation's own append is on its way waits for it, and then sees its own head.
        var held = ClusterFactory.Faults(fixture.Cluster).Hold(StorageNames.Journal, target => target.Contains(accountId, StringComparison.Ordinal));
        var write = first.Write(new AccountImage { Version = 2, Header = header }, null);
        await held.Arrived;
        var check = first.IsCurrent();
        held.Release();
        await write;
        Assert.True(await check);

        // A second activation loads the line and writes: the first one is stale from then on, and only the second is current.
        var second = new AccountStore(accountId, services, options, NullLogger.Instance);
        await second.Load(new AccountBook(accountId, options), CancellationToken.None);
        await second.Write(new AccountImage { Version = 3, Header = header }, null);

        Assert.False(await first.IsCurrent());
        Assert.True(await second.IsCurrent());
    }
}
