using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// The decision history as write-once block blobs in container <c>{prefix}decisions</c>: each delivered queue message's
/// decisions, one blob per hour they fall in, named by <see cref="DecisionBlobNames"/>; the content is the decisions'
/// <see cref="SwitchEvent"/> array in Orleans' binary format (every field a backtest replays, versioned by the records'
/// [Id]s). A blob is put only if absent (If-None-Match *): a message delivered again names the same blob with the same
/// content, and the put that finds it is done. Azurite keeps a blob's bytes in extent files it appends to, and one
/// small metadata record per blob, not one table row per decision in the table file it rewrites whole. Reading an hour
/// lists its prefix, reads its blobs (at most <see cref="BacktestOptions.HistoryRequestsInFlightMax"/> at once), keeps
/// the window's instants, drops a decision stored twice (a line that republished after a restart) and sorts them into
/// original order.
/// </summary>
public sealed class BlobDecisionHistory(IOptions<SwitchStorageOptions> storage, IOptions<ClusterOptions> cluster, IOptions<BacktestOptions> options, Serializer serializer)
    : IDecisionHistory
{
    private Task<BlobContainerClient>? created;

    private string ServiceId => cluster.Value.ServiceId;

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

    public async Task Record(IReadOnlyList<SwitchEvent> decisions, CancellationToken cancellationToken = default)
    {
        var client = await Container().ConfigureAwait(false);
        var hours = decisions.Where(recorded => recorded.Decision is not null).GroupBy(recorded => DecisionBlobNames.Hour(recorded.At));
        await Task.WhenAll(hours.Select(hour => Put(client, hour.Key, [.. hour], cancellationToken))).ConfigureAwait(false);
    }

    private async Task Put(BlobContainerClient client, DateTimeOffset hour, SwitchEvent[] decisions, CancellationToken cancellationToken)
    {
        var blob = client.GetBlobClient(DecisionBlobNames.Of(ServiceId, hour, decisions));
        try
        {
            await blob.UploadAsync(new BinaryData(serializer.SerializeToArray(decisions)), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exists) when (exists.Status == 409 && exists.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Recorded before: the same name holds the same decisions.
        }
    }

    public async IAsyncEnumerable<SwitchEvent> Read(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = await Container().ConfigureAwait(false);
        for (var hour = DecisionBlobNames.Hour(from); hour < to; hour = hour.AddHours(1))
        {
            var names = new List<string>();
            await foreach (var blob in client.GetBlobsAsync(new GetBlobsOptions { Prefix = DecisionBlobNames.HourPrefix(ServiceId, hour) }, cancellationToken).ConfigureAwait(false))
            {
                names.Add(blob.Name);
            }

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
    /// hour still stored, and blobs recorded late into an hour already swept are found too. Counts the decisions by the
    /// names of the blobs it deleted.
    /// </summary>
    public async Task<int> Forget(DateTimeOffset before, int hoursMax, CancellationToken cancellationToken = default)
    {
        var client = await Container().ConfigureAwait(false);
        var cutoff = DecisionBlobNames.HourPrefix(ServiceId, DecisionBlobNames.Hour(before));
        var hours = new HashSet<string>(StringComparer.Ordinal);
        var deleted = 0;
        var pages = client.GetBlobsAsync(new GetBlobsOptions { Prefix = DecisionBlobNames.ServicePrefix(ServiceId) }, cancellationToken).AsPages(pageSizeHint: options.Value.HistorySweepBatchMax);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var due = new List<string>();
            var reached = false;
            foreach (var name in page.Values.Select(blob => blob.Name))
            {
                if (string.CompareOrdinal(name, cutoff) >= 0 || (hours.Add(DecisionBlobNames.HourPrefixOf(ServiceId, name)) && hours.Count > hoursMax))
                {
                    reached = true;
                    break;
                }

                due.Add(name);
            }

            await Parallel.ForEachAsync(due, InFlight(cancellationToken), async (name, cancel) =>
            {
                if (await client.DeleteBlobIfExistsAsync(name, cancellationToken: cancel).ConfigureAwait(false))
                {
                    Interlocked.Add(ref deleted, DecisionBlobNames.CountOf(name));
                }
            }).ConfigureAwait(false);
            if (reached)
            {
                break;
            }
        }

        return deleted;
    }

    private ParallelOptions InFlight(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = options.Value.HistoryRequestsInFlightMax, CancellationToken = cancellationToken };

    private async Task<List<SwitchEvent>> Decisions(BlobContainerClient client, string name, CancellationToken cancellationToken)
    {
        var content = await client.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return [.. serializer.Deserialize<SwitchEvent[]>(content.Value.Content.ToMemory()) ?? throw new InvalidOperationException($"Decision blob {name} is empty.")];
    }
}
