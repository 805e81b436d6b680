using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure.Conservation;

/// <summary>
/// A line as storage holds it, bypassing every activation: the snapshot and journal, plus every archive segment the
/// line's sequence numbers can have reached (archived authorizations still count in posted).
/// </summary>
public sealed record StoredLine(IReadOnlyList<StoredHold> Holds, LineTotals Counters, long Version, int ArchivedCount)
{
    public static async Task<StoredLine> Load(TestCluster cluster, string accountId)
    {
        var book = await StoredLedger.LoadBook(cluster, accountId);
        var records = book.Authorizations.Values.ToDictionary(record => record.AuthorizationId, StringComparer.Ordinal);
        var archived = await Archived(cluster, accountId, book.Header.NextSequence);
        foreach (var record in archived)
        {
            // A record brought back to hot state (a late refund) may also have an older copy in its segment: hot wins.
            records.TryAdd(record.AuthorizationId, record);
        }

        var holds = records.Values.Select(Fact).ToList();
        var counters = new LineTotals(book.Header.Pending, book.Header.Posted, book.Header.OpenHolds, book.Header.PrincipalRepaid);
        return new StoredLine(holds, counters, book.Version, archived.Count);
    }

    private static StoredHold Fact(AuthorizationRecord record) =>
        new(record.AuthorizationId, record.Status == AuthorizationStatus.Pending, record.Amount, record.Captured, record.Reversed, record.Refunded, record.Status != AuthorizationStatus.Declined);

    private static async Task<List<AuthorizationRecord>> Archived(TestCluster cluster, string accountId, long nextSequence)
    {
        var storage = StoredLedger.SiloServices(cluster).GetRequiredKeyedService<IGrainStorage>(StorageNames.Snapshots);
        var segments = Enumerable.Range(0, (int)((nextSequence - 1) / IAuthorizationArchiveGrain.SegmentSize) + 1)
            .Select(segment => IAuthorizationArchiveGrain.KeyOf(accountId, (long)segment * IAuthorizationArchiveGrain.SegmentSize));
        var records = new List<AuthorizationRecord>();
        foreach (var key in segments)
        {
            var state = new GrainState<ArchiveSegment>(new ArchiveSegment());
            var grainId = cluster.GrainFactory.GetGrain<IAuthorizationArchiveGrain>(key).GetGrainId();
            await storage.ReadStateAsync("archive", grainId, state);
            if (state.RecordExists)
            {
                records.AddRange(state.State!.Records.Values);
            }
        }

        return records;
    }
}
