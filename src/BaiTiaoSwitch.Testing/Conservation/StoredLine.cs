using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace BaiTiaoSwitch.Testing.Conservation;

/// <summary>
/// A line as storage holds it, read past every activation: its snapshot and commit log, plus every archive segment its
/// sequence numbers can have reached (archived authorizations still count in posted). <see cref="PrincipalRepaid"/> is
/// the principal repayments gave back, as the account's header stores it (its credit use).
/// </summary>
public sealed record StoredLine(string AccountId, IReadOnlyList<StoredHold> Holds, LineTotals Counters, long PrincipalRepaid = 0)
{
    /// <summary>Pending and posted computed from the stored holds and captures (never from the account's counters).</summary>
    public LineTotals Computed => LineTotals.Of(Holds, PrincipalRepaid);

    /// <summary>Reads the line with a silo's services (any silo of the cluster: storage is shared).</summary>
    public static async Task<StoredLine> LoadAsync(IServiceProvider siloServices, IGrainFactory grains, string accountId)
    {
        ArgumentNullException.ThrowIfNull(siloServices);
        ArgumentNullException.ThrowIfNull(grains);
        var options = siloServices.GetRequiredService<IOptions<SwitchOptions>>().Value;
        var book = new AccountBook(accountId, options);
        await new AccountStore(accountId, siloServices, options, NullLogger.Instance).Load(book, CancellationToken.None).ConfigureAwait(false);
        var records = book.Authorizations.Values.ToDictionary(record => record.AuthorizationId, StringComparer.Ordinal);
        foreach (var record in await Archived(siloServices, grains, accountId, book.Header.NextSequence).ConfigureAwait(false))
        {
            // A record brought back to hot state (a late refund) may also have an older copy in its segment: hot wins.
            records.TryAdd(record.AuthorizationId, record);
        }

        var holds = records.Values
            .Where(record => record.Status != AuthorizationStatus.Declined)
            .Select(record => new StoredHold(record.AuthorizationId, record.Status == AuthorizationStatus.Pending, record.Amount, record.Captured, record.Reversed, record.Refunded))
            .ToList();
        return new StoredLine(accountId, holds, new LineTotals(book.Header.Pending, book.Header.Posted, book.Header.OpenHolds), book.Header.PrincipalRepaid);
    }

    private static async Task<List<AuthorizationRecord>> Archived(IServiceProvider siloServices, IGrainFactory grains, string accountId, long nextSequence)
    {
        var storage = siloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Snapshots);
        var records = new List<AuthorizationRecord>();
        for (long first = 0; first < Math.Max(1, nextSequence); first += IAuthorizationArchiveGrain.SegmentSize)
        {
            var state = new GrainState<ArchiveSegment>(new ArchiveSegment());
            var grainId = grains.GetGrain<IAuthorizationArchiveGrain>(IAuthorizationArchiveGrain.KeyOf(accountId, first)).GetGrainId();
            await storage.ReadStateAsync("archive", grainId, state).ConfigureAwait(false);
            if (state.RecordExists)
            {
                records.AddRange(state.State!.Records.Values);
            }
        }

        return records;
    }
}
