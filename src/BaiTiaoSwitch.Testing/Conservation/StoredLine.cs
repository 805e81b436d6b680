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
/// sequence numbers can have reached (archived authorizations still count in posted). <see cref="Holds"/> has every
/// authorization stored, declined ones included (they count for nothing); <see cref="Counters"/> are the account's
/// stored header counters, principal repaid among them.
/// </summary>
public sealed record StoredLine(string AccountId, IReadOnlyList<StoredHold> Holds, LineTotals Counters)
{
    /// <summary>The principal repayments gave back, as the account's header stores it (its credit use).</summary>
    public long PrincipalRepaid => Counters.PrincipalRepaid;

    /// <summary>How many of <see cref="Holds"/> were read from archive segments rather than the account's hot state.</summary>
    public int ArchivedCount { get; init; }

    /// <summary>Pending and posted computed from the stored holds and captures (never from the account's counters).</summary>
    public LineTotals Computed => LineTotals.Of(Holds, PrincipalRepaid);

    /// <summary>Reads the line with a silo's services (any silo of the cluster: storage is shared).</summary>
    public static async Task<StoredLine> LoadAsync(IServiceProvider siloServices, IGrainFactory grains, string accountId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var book = await LoadBookAsync(siloServices, accountId).ConfigureAwait(false);
        var records = book.Authorizations.Values.ToDictionary(record => record.AuthorizationId, StringComparer.Ordinal);
        var archived = await Archived(siloServices, grains, accountId, book.Header.NextSequence).ConfigureAwait(false);
        foreach (var record in archived)
        {
            // A record brought back to hot state (a late refund) may also have an older copy in its segment: hot wins.
            records.TryAdd(record.AuthorizationId, record);
        }

        var holds = records.Values
            .Select(record => new StoredHold(record.AuthorizationId, record.Status == AuthorizationStatus.Pending, record.Amount, record.Captured, record.Reversed, record.Refunded, record.Status != AuthorizationStatus.Declined))
            .ToList();
        var header = book.Header;
        return new StoredLine(accountId, holds, new LineTotals(header.Pending, header.Posted, header.OpenHolds, header.PrincipalRepaid)) { ArchivedCount = archived.Count };
    }

    /// <summary>
    /// The account's book (header, hot authorizations, request records, policies) as its snapshot and commit log rebuild
    /// it, read with a silo's services past every activation: for checks of what is stored beyond conservation.
    /// </summary>
    public static async Task<AccountBook> LoadBookAsync(IServiceProvider siloServices, string accountId)
    {
        ArgumentNullException.ThrowIfNull(siloServices);
        var options = siloServices.GetRequiredService<IOptions<SwitchOptions>>().Value;
        var book = new AccountBook(accountId, options);
        await new AccountStore(accountId, siloServices, options, NullLogger.Instance).Load(book, CancellationToken.None).ConfigureAwait(false);
        return book;
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
