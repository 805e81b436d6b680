using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// One shard's key log in blob storage: numbered segments, each an append blob <c>{shard}/{number:D10}</c> of
/// <see cref="KeyLogRecord"/>s appended a block per batch. Every append is conditional on the ETag this writer last saw,
/// so a second writer (a duplicate activation) can never interleave: its append fails, nothing of it is stored, and it
/// must reload. A segment rolls on size, blocks or age: a <see cref="KeyLogRecordKind.Closed"/> record is appended (also
/// conditionally), then the next is created only if absent. A closed segment is copied once into a block blob
/// <c>{number:D10}c</c> and the append blob deleted, so a closed hour costs one blob. Why blobs: Azurite keeps a blob's
/// bytes in files it appends to and rewrites only its small metadata file, where a row per key made its table file (which
/// it rewrites whole on every save) grow by ~700 B per authorization.
/// </summary>
public sealed class KeySegments(BlobContainerClient container, string prefix, RequestKeyOptions options)
{
    private readonly SortedDictionary<long, SegmentFacts> segments = [];
    private OpenSegment? open;

    /// <summary>Closed segments not yet compacted, or not yet deleted after compaction.</summary>
    public IEnumerable<long> Uncompacted => segments.Where(segment => segment.Value.Closed && !segment.Value.Compacted).Select(segment => segment.Key);

    public static string NameOf(string prefix, long number, bool compacted) => $"{prefix}{number:D10}{(compacted ? "c" : "")}";

    /// <summary>Reads every segment in order into <paramref name="held"/>, skipping records past retention.</summary>
    public async Task Load(HeldKeys held, long cutoffSeconds, CancellationToken cancellationToken = default)
    {
        var names = new SortedDictionary<long, bool>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            var tail = blob.Name[prefix.Length..];
            var compacted = tail.EndsWith('c');
            var number = long.Parse(compacted ? tail[..^1] : tail, System.Globalization.CultureInfo.InvariantCulture);
            names[number] = names.GetValueOrDefault(number) || compacted;
        }

        segments.Clear();
        open = null;
        foreach (var (number, compacted) in names)
        {
            var download = (await container.GetBlobClient(NameOf(prefix, number, compacted)).DownloadContentAsync(cancellationToken)).Value;
            var bytes = download.Content.ToMemory();
            var facts = new SegmentFacts(0, 0, false, compacted);
            foreach (var record in KeyLogRecord.ReadAll(bytes))
            {
                held.Apply(record, number, cutoffSeconds);
                facts = facts.With(record);
            }

            segments[number] = facts;
            if (!facts.Closed)
            {
                open = new OpenSegment(number, download.Details.ETag, bytes.Length, download.Details.BlobCommittedBlockCount, facts.OpenedAtSeconds);
            }
        }
    }

    /// <summary>
    /// Appends one block of encoded records; rolls first when the open segment is full or old. Returns the segment and the
    /// offset where the block starts, so the caller can locate answers in it.
    /// </summary>
    public async Task<(long Segment, int Offset)> Append(byte[] records, long newestAtSeconds, long nowSeconds, CancellationToken cancellationToken = default)
    {
        if (open is null || open.Length + records.Length > options.SegmentBytesMax || open.Blocks + 2 > options.SegmentBlocksMax
            || nowSeconds - open.OpenedAtSeconds >= (long)options.SegmentPeriod.TotalSeconds)
        {
            await Roll(nowSeconds, cancellationToken);
        }

        var segment = open!;
        var appended = (await Blob(segment.Number).AppendBlockAsync(new MemoryStream(records, writable: false),
            new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfMatch = segment.ETag } }, cancellationToken)).Value;
        var offset = segment.Length;
        open = segment with { ETag = appended.ETag, Length = segment.Length + records.Length, Blocks = appended.BlobCommittedBlockCount };
        segments[segment.Number] = segments[segment.Number] with { NewestAtSeconds = Math.Max(segments[segment.Number].NewestAtSeconds, newestAtSeconds) };
        return (segment.Number, offset);
    }

    /// <summary>Closes the open segment (if any) and creates the next, each step conditional on what this writer saw.</summary>
    private async Task Roll(long nowSeconds, CancellationToken cancellationToken)
    {
        var next = segments.Count == 0 ? 1 : segments.Keys.Max() + 1;
        if (open is { } closing)
        {
            using var marker = new MemoryStream();
            KeyLogRecord.WriteClosed(marker);
            marker.Position = 0;
            await Blob(closing.Number).AppendBlockAsync(marker,
                new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfMatch = closing.ETag } }, cancellationToken);
            segments[closing.Number] = segments[closing.Number] with { Closed = true };
            open = null;
        }

        using var opened = new MemoryStream();
        KeyLogRecord.WriteOpened(opened, nowSeconds);
        var blob = Blob(next);
        var created = (await blob.CreateAsync(new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken)).Value;
        opened.Position = 0;

        // Conditional on the creation too: a writer that found the empty segment and appended first wins, and this one reloads.
        var first = (await blob.AppendBlockAsync(opened,
            new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfMatch = created.ETag } }, cancellationToken)).Value;
        segments[next] = new SegmentFacts(nowSeconds, nowSeconds, false, false);
        open = new OpenSegment(next, first.ETag, (int)opened.Length, first.BlobCommittedBlockCount, nowSeconds);
    }

    /// <summary>Copies a closed segment into one block blob, then deletes its append blob. Safe to repeat.</summary>
    public async Task Compact(long number, CancellationToken cancellationToken = default)
    {
        var content = (await Blob(number).DownloadContentAsync(cancellationToken)).Value.Content;
        try
        {
            await container.GetBlobClient(NameOf(prefix, number, compacted: true)).UploadAsync(content,
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            // Compacted before: the same bytes.
        }

        if (segments.TryGetValue(number, out var facts))
        {
            segments[number] = facts with { Compacted = true };
        }

        await Blob(number).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>An answer's bytes, from whichever form its segment has now.</summary>
    public async Task<byte[]?> Read(AnswerLocation location, CancellationToken cancellationToken = default)
    {
        foreach (var compacted in new[] { segments.GetValueOrDefault(location.Segment).Compacted, !segments.GetValueOrDefault(location.Segment).Compacted })
        {
            try
            {
                var range = new BlobDownloadOptions { Range = new HttpRange(location.Offset, location.Length) };
                return (await container.GetBlobClient(NameOf(prefix, location.Segment, compacted)).DownloadContentAsync(range, cancellationToken)).Value.Content.ToArray();
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
            }
        }

        return null;
    }

    /// <summary>Deletes the closed segments whose every record is older than <paramref name="cutoffSeconds"/>. Returns how many.</summary>
    public async Task<int> DeleteBefore(long cutoffSeconds, CancellationToken cancellationToken = default)
    {
        var old = segments.Where(segment => segment.Value.Closed && segment.Value.NewestAtSeconds < cutoffSeconds).Select(segment => segment.Key).ToList();
        foreach (var number in old)
        {
            await container.GetBlobClient(NameOf(prefix, number, compacted: true)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            await Blob(number).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            segments.Remove(number);
        }

        return old.Count;
    }

    private AppendBlobClient Blob(long number) => container.GetAppendBlobClient(NameOf(prefix, number, compacted: false));

    private sealed record OpenSegment(long Number, ETag ETag, int Length, int Blocks, long OpenedAtSeconds);

    private readonly record struct SegmentFacts(long OpenedAtSeconds, long NewestAtSeconds, bool Closed, bool Compacted)
    {
        public SegmentFacts With(KeyLogRecord record) => record.Kind switch
        {
            KeyLogRecordKind.Opened => this with { OpenedAtSeconds = record.AtSeconds, NewestAtSeconds = Math.Max(NewestAtSeconds, record.AtSeconds) },
            KeyLogRecordKind.Closed => this with { Closed = true },
            _ => this with { NewestAtSeconds = Math.Max(NewestAtSeconds, record.AtSeconds) },
        };
    }
}
