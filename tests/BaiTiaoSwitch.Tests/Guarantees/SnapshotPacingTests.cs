using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>
/// A snapshot restarts the count of journal bytes that paces the next one, even when it finishes while another entry
/// is being appended (the group committer always has one in flight on a busy line). A lost restart made a busy line
/// rewrite its whole state after every entry once it had passed the threshold once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SnapshotPacingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_snapshot_that_finishes_while_an_entry_is_appended_still_restarts_the_journal_count()
    {
        var silo = SiloSide.Services(fixture.Cluster);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new WithSnapshotStore(silo, new GatedStorage(silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Snapshots), gate.Task));
        var options = new SwitchOptions { SnapshotJournalBytesMin = 4_096, SnapshotJournalBytesMax = 8_192 };
        var accountId = "pacing-" + Guid.NewGuid().ToString("N")[..8];
        var store = new AccountStore(accountId, services, options, NullLogger.Instance);
        var book = new AccountBook(accountId, options);

        // An entry of about 7 KB (over the 4 KiB floor) with a small snapshot, whose write waits at the gate.
        await store.Write(JournalBoundTests.Image(book, 1, 200), JournalBoundTests.Image(book, 1, 0));

        // The next entry's append is held in the commit log while the snapshot finishes.
        var held = StorageFaults.For(fixture.Cluster.Options.ServiceId).Hold(StorageNames.Journal, target => target.Contains(accountId, StringComparison.Ordinal));
        var appending = store.Write(JournalBoundTests.Image(book, 2, 20), null);
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetResult();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (store.SnapshotVersion < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        held.Release();
        await appending;
        await store.Settled();

        // What the line wrote since its snapshot is the second entry alone, about 700 B: no snapshot is due.
        Assert.Equal(1, store.SnapshotVersion);
        Assert.False(store.WantsSnapshot(2), "the finished snapshot's restart of the journal count was written over by the append in flight");
    }

    private sealed class GatedStorage(IGrainStorage inner, Task gate) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await gate;
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }

    /// <summary>The silo's services, with another snapshot store.</summary>
    private sealed class WithSnapshotStore(IServiceProvider inner, IGrainStorage snapshots) : IKeyedServiceProvider
    {
        public object? GetService(Type serviceType) => inner.GetService(serviceType);

        public object? GetKeyedService(Type serviceType, object? serviceKey) =>
            serviceType == typeof(IGrainStorage) && Equals(serviceKey, StorageNames.Snapshots) ? snapshots : ((IKeyedServiceProvider)inner).GetKeyedService(serviceType, serviceKey);

        public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
            GetKeyedService(serviceType, serviceKey) ?? throw new InvalidOperationException($"No {serviceType} keyed {serviceKey}.");
    }
}
