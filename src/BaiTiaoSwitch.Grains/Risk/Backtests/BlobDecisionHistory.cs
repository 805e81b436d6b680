using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// The decision history as blobs in container <c>{prefix}decisions</c>, named by <see cref="DecisionBlobNames"/>: per
/// recorder (event stream) and hour, a log (append blob) that takes each delivered message's decisions of that hour as
/// one block (<see cref="DecisionLogAppender"/>, <see cref="DecisionFrames"/>), compacted into one block blob once full
/// or once the hour is over (<see cref="DecisionCompaction"/>). Azurite keeps a blob's bytes in extent files it appends
/// to and one metadata record per blob (plus one per block of a log until it is compacted) in the blob database it
/// rewrites whole; a write-once blob per message cost about 900 B of that database, a block about a third of it, and a
/// compacted hour one record for all its messages. Reading an hour lists its blobs (with metadata), skips a log its
/// compacted blob holds whole, reads the rest (at most <see cref="BacktestOptions.HistoryRequestsInFlightMax"/> at
/// once), keeps the window's instants, drops a decision stored twice (a message delivered again, a line that
/// republished after a restart) and sorts them into original order.
/// </summary>
public sealed class BlobDecisionHistory : IDecisionHistory
{
    private readonly IOptions<SwitchStorageOptions> storage;
    private readonly IOptions<BacktestOptions> options;
    private readonly Serializer serializer;
    private readonly DecisionCompaction compaction;
    private readonly DecisionLogAppender appender;
    private readonly string serviceId;
    private Task<BlobContainerClient>? created;

    public BlobDecisionHistory(IOptions<SwitchStorageOptions> storage, IOptions<ClusterOptions> cluster, IOptions<BacktestOptions> options, Serializer serializer)
    {
        (this.storage, this.options, this.serializer, serviceId) = (storage, options, serializer, cluster.Value.ServiceId);
        compaction = new DecisionCompaction(serializer);
        appender = new DecisionLogAppender(serviceId, options.Value, compaction);
    }

    public static string ContainerName(SwitchStorageOptions storage) => storage.NamePrefix + "decisions";

    /// <summary>The container, made once; a failed attempt is made again by the next caller, not kept.</summary>
    private Task<BlobContainerClient> Container()
    {
        var attempt = created;
        if (attempt is null || attempt.IsFaulted || attempt.IsCanceled)
        {
            created = attempt = Create();
        }

        return attempt;

        async Task<BlobContainerClient> Create()
        {
            var client = new BlobServiceClient(storage.Value.ConnectionString).GetBlobContainerClient(ContainerName(storage.Value));
            await client.CreateIfNotExistsAsync().ConfigureAwait(false);
            return client;
        }
    }

    public async Task Record(string recorder, IReadOnlyList<SwitchEvent> decisions, CancellationToken cancellationToken = default)
    {
        var client = await Container().ConfigureAwait(false);
        var hours = decisions.Where(recorded => recorded.Decision is not null).GroupBy(recorded => DecisionBlobNames.Hour(recorded.At));
        await Task.WhenAll(hours.Select(hour => appender.Append(client, recorder, hour.Key, DecisionFrames.Frames(serializer, [.. hour]), cancellationToken))).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<SwitchEvent> Read(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = await Container().ConfigureAwait(false);
        for (var hour = DecisionBlobNames.Hour(from); hour < to; hour = hour.AddHours(1))
        {
            var names = Unheld(await Listed(client, DecisionBlobNames.HourPrefix(serviceId, hour), cancellationToken).ConfigureAwait(false)).Select(blob => blob.Name).ToList();
            var stored = new List<SwitchEvent>[names.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), InFlight(cancellationToken), async (index, cancel) =>
                stored[index] = await Decisions(client, names[index], cancel).ConfigureAwait(false)).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var window = stored.SelectMany(decisions => decisions).Where(recorded => recorded.At >= from && recorded.At < to && seen.Add(recorded.EventId));
            foreach (var recorded in window.OrderBy(recorded => recorded, OriginalOrder.Instance))
            {
                yield return recorded;
            }
        }
    }

    /// <summary>
    /// Lists the service's blobs in name (so hour) order, a page of at most <see cref="BacktestOptions.HistorySweepBatchMax"/>
    /// at a time, and deletes those of the hours before <paramref name="before"/>'s hour, at most
    /// <see cref="BacktestOptions.HistoryRequestsInFlightMax"/> at once, page after page, until it reaches that hour or
    /// an hour past <paramref name="hoursMax"/>. What is left is the progress: a sweep that stopped resumes at the oldest
    /// hour still stored, and blobs recorded late into an hour already swept are found too. Counts a compacted blob's
    /// decisions from its metadata, a log held whole by its compacted blob as none, and reads any other log to count it.
    /// </summary>
    public async Task<int> Forget(DateTimeOffset before, int hoursMax, CancellationToken cancellationToken = default)
    {
        var client = await Container().ConfigureAwait(false);
        var cutoff = DecisionBlobNames.HourPrefix(serviceId, DecisionBlobNames.Hour(before));
        var hours = new HashSet<string>(StringComparer.Ordinal);
        var compacted = new Dictionary<string, BlobItem>(StringComparer.Ordinal);
        var deleted = 0;
        var listing = new GetBlobsOptions { Prefix = DecisionBlobNames.ServicePrefix(serviceId), Traits = BlobTraits.Metadata };
        await foreach (var page in client.GetBlobsAsync(listing, cancellationToken).AsPages(pageSizeHint: options.Value.HistorySweepBatchMax).ConfigureAwait(false))
        {
            var due = new List<BlobItem>();
            var reached = false;
            foreach (var blob in page.Values)
            {
                if (string.CompareOrdinal(blob.Name, cutoff) >= 0 || (hours.Add(DecisionBlobNames.HourPrefixOf(serviceId, blob.Name)) && hours.Count > hoursMax))
                {
                    reached = true;
                    break;
                }

                due.Add(blob);
                if (DecisionBlobNames.IsCompacted(blob.Name))
                {
                    compacted[DecisionBlobNames.LogOf(blob.Name)] = blob;
                }
            }

            await Parallel.ForEachAsync(due, InFlight(cancellationToken), async (blob, cancel) =>
            {
                var count = await CountOf(client, blob, compacted.GetValueOrDefault(blob.Name), cancel).ConfigureAwait(false);
                if (await client.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancel).ConfigureAwait(false))
                {
                    Interlocked.Add(ref deleted, count);
                }
            }).ConfigureAwait(false);
            if (reached)
            {
                break;
            }
        }

        return deleted;
    }

    /// <summary>Compacts every log of the closed hours before <paramref name="before"/>'s hour, back <paramref name="hoursMax"/> hours.</summary>
    public async Task<int> Compact(DateTimeOffset before, int hoursMax, CancellationToken cancellationToken = default)
    {
        var client = await Container().ConfigureAwait(false);
        var compactedLogs = 0;
        for (var hour = DecisionBlobNames.Hour(before).AddHours(-hoursMax); hour < DecisionBlobNames.Hour(before); hour = hour.AddHours(1))
        {
            var logs = Unheld(await Listed(client, DecisionBlobNames.HourPrefix(serviceId, hour), cancellationToken).ConfigureAwait(false))
                .Where(blob => DecisionBlobNames.IsLog(blob.Name)).Select(blob => blob.Name).ToList();
            await Parallel.ForEachAsync(logs, InFlight(cancellationToken), async (name, cancel) =>
            {
                if (await compaction.Compact(client, name, cancel).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref compactedLogs);
                }
            }).ConfigureAwait(false);
        }

        return compactedLogs;
    }

    private static async Task<List<BlobItem>> Listed(BlobContainerClient client, string prefix, CancellationToken cancellationToken)
    {
        var blobs = new List<BlobItem>();
        await foreach (var blob in client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            blobs.Add(blob);
        }

        return blobs;
    }

    /// <summary>The blobs to read: every compacted blob, and every log its compacted blob does not hold whole.</summary>
    private static IEnumerable<BlobItem> Unheld(List<BlobItem> blobs)
    {
        var compacted = blobs.Where(blob => DecisionBlobNames.IsCompacted(blob.Name)).ToDictionary(blob => DecisionBlobNames.LogOf(blob.Name), StringComparer.Ordinal);
        return blobs.Where(blob => !DecisionBlobNames.IsLog(blob.Name) || !DecisionCompaction.Covers(compacted.GetValueOrDefault(blob.Name), blob));
    }

    private async Task<int> CountOf(BlobContainerClient client, BlobItem blob, BlobItem? compacted, CancellationToken cancellationToken)
    {
        if (DecisionBlobNames.IsCompacted(blob.Name))
        {
            return blob.Metadata.TryGetValue(DecisionCompaction.DecisionsKey, out var count) && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        }

        return DecisionCompaction.Covers(compacted, blob) ? 0 : (await Decisions(client, blob.Name, cancellationToken).ConfigureAwait(false)).DistinctBy(decision => decision.EventId).Count();
    }

    private ParallelOptions InFlight(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = options.Value.HistoryRequestsInFlightMax, CancellationToken = cancellationToken };

    private async Task<List<SwitchEvent>> Decisions(BlobContainerClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await client.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return DecisionFrames.Read(serializer, content.Value.Content.ToMemory(), name);
        }
        catch (Azure.RequestFailedException gone) when (gone.Status == 404)
        {
            // Compacted and deleted since it was listed: its compacted blob was written before, so read that instead.
            return DecisionBlobNames.IsLog(name) ? await Decisions(client, DecisionBlobNames.CompactedOf(name), cancellationToken).ConfigureAwait(false) : [];
        }
    }
}
