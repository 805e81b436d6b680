using Azure.Storage.Blobs;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Configuration;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// A shard of a channel's key namespace: every key of the retention held in memory (<see cref="HeldKeys"/>), decided
/// synchronously (so one key has one owner), and stored in the shard's <see cref="KeySegments"/> before the claim is
/// answered. Reentrant: claims that arrive while a block is being appended wait together for the next one (group
/// commit without a linger). A claim found already held waits until the claim that holds it is durable. A failed append
/// fails its block and every block after it, and the activation leaves: what it held in memory but did not store is
/// not trusted again (the callers' outcome is unknown, and they retry with the same key).
/// </summary>
[Reentrant]
[CollectionAgeLimit(Minutes = 60)]
public sealed partial class RequestKeyShardGrain(
    IOptions<SwitchStorageOptions> storage, IOptions<ClusterOptions> cluster, IOptions<SwitchOptions> switchOptions, IOptions<RequestKeyOptions> options,
    TimeProvider clock, ILogger<RequestKeyShardGrain> logger) : Grain, IRequestKeyShardGrain
{
    private readonly HeldKeys held = new();
    private readonly Queue<KeyBatch> waiting = new();
    private readonly Dictionary<UInt128, Task> staged = [];
    private KeySegments segments = null!;
    private Task flushing = Task.CompletedTask;
    private Task compacting = Task.CompletedTask;
    private Exception? broken;

    /// <summary>The store's name in the switch's storage metrics, as before the key log.</summary>
    private const string StoreName = "request_keys";

    public static string ContainerName(SwitchStorageOptions storage) => storage.NamePrefix + "requestkeys";

    public static string KeyOf(string channel, int shard) => $"{channel}/{shard:D2}";

    private long NowSeconds => clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Keys claimed before this are past retention (with a margin, so a claim outlives its owner's own record).</summary>
    private long CutoffSeconds => (clock.GetUtcNow() - switchOptions.Value.IdempotencyRetention - RequestKeySweepGrain.Margin).ToUnixTimeSeconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var container = new BlobServiceClient(storage.Value.ConnectionString).GetBlobContainerClient(ContainerName(storage.Value));
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        segments = new KeySegments(container, $"{cluster.Value.ServiceId}/{this.GetPrimaryKeyString()}/", options.Value);
        await segments.Load(held, CutoffSeconds, cancellationToken);
        StartCompacting();
    }

    public async Task<KeyClaim> Claim(string key, string owner, string fingerprint)
    {
        ThrowIfBroken();
        var digest = KeyDigest.Of(key);
        var ownerDigest = KeyDigest.OwnerOf(owner);
        if (held.TryFind(digest, out var found))
        {
            if (staged.TryGetValue(digest, out var holding))
            {
                await holding;
            }

            return found.Owner == ownerDigest ? new KeyClaim(KeyClaimOutcome.AlreadyYours, KeyDigest.Answering(found.Fingerprint, fingerprint)) : new KeyClaim(KeyClaimOutcome.UsedElsewhere, null);
        }

        if (held.Count >= options.Value.HeldPerShardMax)
        {
            throw new SwitchOverloadedException("This channel's idempotency-key namespace is full for now; retry later with the same key.");
        }

        var now = NowSeconds;
        var fingerprintDigest = KeyDigest.Of(fingerprint);
        var batch = Open();
        held.Claim(digest, ownerDigest, fingerprintDigest, now);
        batch.Claim(digest, ownerDigest, fingerprintDigest, now);
        staged[digest] = batch.Durable;
        StartFlushing();
        await batch.Durable;
        return new KeyClaim(KeyClaimOutcome.Claimed, fingerprint);
    }

    public async Task StoreAnswers(IReadOnlyList<KeyAnswer> answers)
    {
        ThrowIfBroken();
        KeyBatch? last = null;
        foreach (var answer in answers)
        {
            var digest = KeyDigest.Of(answer.Key);
            var ownerDigest = KeyDigest.OwnerOf(answer.Owner);
            var atSeconds = answer.CreatedAt.ToUnixTimeSeconds();
            if (held.TryFind(digest, out var found) ? found.Owner != ownerDigest : answer.Claimed)
            {
                // Another owner's claim is never touched; a claimed key already let go is not brought back.
                continue;
            }

            last = Open();
            if (!held.TryFind(digest, out _))
            {
                held.Claim(digest, ownerDigest, KeyDigest.Of(""), atSeconds);
                last.Claimed.Add(digest);
                staged[digest] = last.Durable;
            }

            last.Answer(digest, ownerDigest, atSeconds, !answer.Claimed, answer.Answer);
        }

        if (last is not null)
        {
            StartFlushing();
            await last.Durable;
        }
    }

    public async Task<byte[]?> FindAnswer(string key, string owner)
    {
        ThrowIfBroken();
        return held.TryFind(KeyDigest.Of(key), out var found) && found.Owner == KeyDigest.OwnerOf(owner) && found.Answer is { } location
            ? await segments.Read(location)
            : null;
    }

    /// <summary>The batch new records join: the last waiting one, unless it is full.</summary>
    private KeyBatch Open()
    {
        if (waiting.Sum(batch => batch.Count) >= options.Value.PendingMax)
        {
            throw new SwitchOverloadedException("Too many idempotency keys are waiting to be stored in this channel's namespace; retry with the same key.");
        }

        if (waiting.Count == 0 || waiting.Last().Bytes >= options.Value.BlockBytesMax - 64 * 1024)
        {
            waiting.Enqueue(new KeyBatch());
        }

        return waiting.Last();
    }

    private void StartFlushing()
    {
        if (flushing.IsCompleted)
        {
            flushing = Flush();
        }
    }

    private async Task Flush()
    {
        while (waiting.Count > 0 && broken is null)
        {
            // Taken out first, so what arrives during the append joins the next block.
            var batch = waiting.Dequeue();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                Telemetry.SwitchMetrics.RecordBatch(StoreName, batch.Count);
                var (segment, offset) = await segments.Append(batch.Encode(), batch.NewestAtSeconds, NowSeconds);
                Telemetry.SwitchMetrics.RecordStorageWrite(StoreName, System.Diagnostics.Stopwatch.GetElapsedTime(started), true);
                foreach (var answer in batch.Answers(segment, offset))
                {
                    held.Answer(answer.Key, answer.Owner, answer.AtSeconds, answer.Claims, answer.Location);
                }

                batch.Claimed.ForEach(key => staged.Remove(key));
                batch.Stored();
                StartCompacting();
            }
            catch (Exception exception)
            {
                Telemetry.SwitchMetrics.RecordStorageWrite(StoreName, System.Diagnostics.Stopwatch.GetElapsedTime(started), false);
                broken = exception;
                LogAppendFailed(exception, this.GetPrimaryKeyString());
                while (waiting.TryDequeue(out var failed))
                {
                    failed.Failed(exception);
                }

                batch.Failed(exception);
                DeactivateOnIdle();
            }
        }
    }

    private void ThrowIfBroken()
    {
        if (broken is not null)
        {
            throw new InvalidOperationException("This key namespace shard failed to store a block and is leaving; retry.", broken);
        }
    }
}
