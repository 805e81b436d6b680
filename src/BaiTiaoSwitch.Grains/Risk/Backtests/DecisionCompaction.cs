using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BaiTiaoSwitch.Events;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Turns a decision log (an append blob, one metadata record plus one per block in Azurite's blob database) into one
/// block blob (one record): it reads the log and its ETag, merges it with the compacted blob already there (a log made
/// again after an earlier compaction), drops decisions stored twice, writes the result conditional on that compacted
/// blob's ETag (or on its absence), with the log's ETag as <see cref="CoversKey"/>, then deletes the log only if its
/// ETag is still the one read. A log appended to meanwhile is not deleted: readers read it beside the compacted blob
/// (its ETag no longer matches) and a later compaction merges it. So no compaction loses or duplicates a decision,
/// whatever writers and other compactions do at the same time.
/// </summary>
public sealed class DecisionCompaction(Serializer serializer)
{
    /// <summary>Metadata of a compacted blob: the ETag of the log whose content it holds.</summary>
    public const string CoversKey = "covers";

    /// <summary>Metadata of a compacted blob: how many decisions it holds (the sweep counts without reading).</summary>
    public const string DecisionsKey = "decisions";

    /// <summary>An ETag as the listing and the responses both give it (without quotes).</summary>
    public static string Plain(ETag? etag) => (etag?.ToString() ?? string.Empty).Trim('"');

    /// <summary>True when a listed log is held whole by its listed compacted blob.</summary>
    public static bool Covers(BlobItem? compacted, BlobItem log) =>
        compacted?.Metadata is { } metadata && metadata.TryGetValue(CoversKey, out var covers) && covers == Plain(log.Properties.ETag);

    /// <summary>Compacts one log; false when there was nothing to do or another compaction got there first.</summary>
    public async Task<bool> Compact(BlobContainerClient client, string logName, CancellationToken cancellationToken)
    {
        var log = client.GetBlobClient(logName);
        var logContent = await Download(log, cancellationToken).ConfigureAwait(false);
        if (logContent is null)
        {
            return false;
        }

        var compacted = client.GetBlobClient(DecisionBlobNames.CompactedOf(logName));
        var earlier = await Download(compacted, cancellationToken).ConfigureAwait(false);
        var stored = DecisionFrames.Read(serializer, logContent.Content.ToMemory(), logName);
        if (earlier is not null)
        {
            stored.AddRange(DecisionFrames.Read(serializer, earlier.Content.ToMemory(), compacted.Name));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merged = stored.Where(decision => seen.Add(decision.EventId)).Order(OriginalOrder.Instance).ToList();
        var upload = new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string>
            {
                [CoversKey] = Plain(logContent.Details.ETag),
                [DecisionsKey] = merged.Count.ToString(CultureInfo.InvariantCulture),
            },
            Conditions = earlier is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = earlier.Details.ETag },
        };
        try
        {
            await compacted.UploadAsync(new BinaryData(Content(merged)), upload, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException raced) when (raced.Status is 409 or 412)
        {
            return false;
        }

        try
        {
            await log.DeleteAsync(DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = logContent.Details.ETag }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException kept) when (kept.Status is 404 or 412)
        {
            // Appended to since it was read (it stays, read beside the compacted blob), or deleted by another compaction.
        }

        return true;
    }

    private byte[] Content(IReadOnlyList<SwitchEvent> decisions) =>
        decisions.Count == 0 ? [] : Storage.ByteParts.Join(DecisionFrames.Frames(serializer, decisions));

    private static async Task<BlobDownloadResult?> Download(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }
}
