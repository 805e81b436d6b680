using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Appends a recorder's frames to its log of the hour (<see cref="DecisionBlobNames.Log"/>), one block each, every
/// append conditional on the log's length as this writer last saw it (If-Append-Position-Equal). A second writer of the
/// same recorder (a duplicate activation on another silo) therefore never appends on a stale view: the loser of a race
/// gets 412, reads the log's length again and appends after the winner, so both blocks are stored whole, one after
/// the other. A log with <see cref="BacktestOptions.HistoryBlocksPerBlobMax"/> blocks (Azure allows 50,000) is left
/// for the next sequence number and compacted; a log found compacted and deleted (404) is followed by the next one too.
/// Cursors are kept for a recorder's latest two hours only; an older hour written late is found again by listing.
/// </summary>
public sealed class DecisionLogAppender(string serviceId, BacktestOptions options, DecisionCompaction compaction)
{
    private readonly ConcurrentDictionary<(string Recorder, DateTimeOffset Hour), Cursor> cursors = new();

    public async Task Append(BlobContainerClient client, string recorder, DateTimeOffset hour, IReadOnlyList<byte[]> frames, CancellationToken cancellationToken)
    {
        foreach (var stale in cursors.Keys.Where(key => key.Recorder == recorder && key.Hour < hour.AddHours(-1)))
        {
            cursors.TryRemove(stale, out _);
        }

        var cursor = cursors.GetOrAdd((recorder, hour), _ => new Cursor());
        await cursor.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var frame in frames)
            {
                await AppendOne(client, recorder, hour, cursor, frame, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            cursor.Gate.Release();
        }
    }

    private async Task AppendOne(BlobContainerClient client, string recorder, DateTimeOffset hour, Cursor cursor, byte[] frame, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > options.HistoryAppendAttemptsMax)
            {
                throw new InvalidOperationException($"Decision log of {recorder} for {hour:u}: no append succeeded in {options.HistoryAppendAttemptsMax} attempts.");
            }

            if (cursor.Position is null)
            {
                await Find(client, recorder, hour, cursor, cancellationToken).ConfigureAwait(false);
                if (cursor.Position is null)
                {
                    continue;
                }
            }

            var name = DecisionBlobNames.Log(serviceId, hour, recorder, cursor.Sequence);
            if (cursor.Blocks >= options.HistoryBlocksPerBlobMax)
            {
                await Roll(client, recorder, hour, cursor, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                using var content = new MemoryStream(frame, writable: false);
                var appended = await client.GetAppendBlobClient(name).AppendBlockAsync(content, new AppendBlobAppendBlockOptions
                {
                    Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = cursor.Position },
                }, cancellationToken).ConfigureAwait(false);
                (cursor.Position, cursor.Blocks) = (cursor.Position + frame.Length, appended.Value.BlobCommittedBlockCount);
                return;
            }
            catch (RequestFailedException failed) when (attempt < options.HistoryAppendAttemptsMax && failed.ErrorCode == BlobErrorCode.BlockCountExceedsLimit)
            {
                cursor.Blocks = int.MaxValue;
            }
            catch (RequestFailedException failed) when (attempt < options.HistoryAppendAttemptsMax && (failed.ErrorCode == BlobErrorCode.AppendPositionConditionNotMet || failed.Status == 404))
            {
                // Another writer appended (read the length again), or the log was compacted (follow the next one).
                cursor.Position = null;
            }
        }
    }

    /// <summary>
    /// Learns where the recorder's hour stands: the highest sequence number stored; its log when there is one (its
    /// length and blocks), else a new log after it (or the first).
    /// </summary>
    private async Task Find(BlobContainerClient client, string recorder, DateTimeOffset hour, Cursor cursor, CancellationToken cancellationToken)
    {
        var prefix = DecisionBlobNames.RecorderPrefix(serviceId, hour, recorder);
        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            names.Add(blob.Name);
        }

        var last = names.Count == 0 ? -1 : names.Max(DecisionBlobNames.SequenceOf);
        var log = DecisionBlobNames.Log(serviceId, hour, recorder, Math.Max(last, 0));
        if (last >= 0 && names.Contains(log, StringComparer.Ordinal) && await Load(client, log, cursor, cancellationToken).ConfigureAwait(false))
        {
            cursor.Sequence = last;
            return;
        }

        cursor.Sequence = last + 1;
        await Create(client, DecisionBlobNames.Log(serviceId, hour, recorder, cursor.Sequence), cursor, cancellationToken).ConfigureAwait(false);
    }

    private async Task Roll(BlobContainerClient client, string recorder, DateTimeOffset hour, Cursor cursor, CancellationToken cancellationToken)
    {
        var full = DecisionBlobNames.Log(serviceId, hour, recorder, cursor.Sequence);
        cursor.Sequence++;
        await Create(client, DecisionBlobNames.Log(serviceId, hour, recorder, cursor.Sequence), cursor, cancellationToken).ConfigureAwait(false);

        // The full log takes no more appends from this writer: one record in the blob database instead of one a block.
        // A compaction that fails is left to the sweep's pass (DecisionHistorySweepGrain); the log is read meanwhile.
        try
        {
            await compaction.Compact(client, full, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
        }
    }

    /// <summary>Creates the log if absent; one made meanwhile by another writer is loaded instead.</summary>
    private static async Task Create(BlobContainerClient client, string name, Cursor cursor, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetAppendBlobClient(name).CreateAsync(new AppendBlobCreateOptions
            {
                Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken).ConfigureAwait(false);
            (cursor.Position, cursor.Blocks) = (0, 0);
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            if (!await Load(client, name, cursor, cancellationToken).ConfigureAwait(false))
            {
                cursor.Position = null;
            }
        }
    }

    private static async Task<bool> Load(BlobContainerClient client, string name, Cursor cursor, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await client.GetAppendBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            (cursor.Position, cursor.Blocks) = (properties.ContentLength, properties.BlobCommittedBlockCount);
            return true;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return false;
        }
    }

    private sealed class Cursor
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Sequence { get; set; }

        /// <summary>The log's length as last seen; null: not known (find it).</summary>
        public long? Position { get; set; }

        public int Blocks { get; set; }
    }
}
