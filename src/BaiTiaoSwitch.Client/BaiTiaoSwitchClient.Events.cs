using System.Globalization;
using System.Runtime.CompilerServices;
using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Client;

/// <summary>An event as a follower sees it, with the position to resume after it (<c>Last-Event-ID</c>).</summary>
public sealed record FollowedEvent(string Position, SwitchEvent Event);

// The live event stream (issuer)
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>
    /// Every decision and alert as it happens, from every stream's replay buffer, each with the position to resume
    /// after it. Given a <paramref name="after"/> position, it resumes there: what the buffers still hold after it comes
    /// first; with none, it starts from now. Within a stream events keep their order; across streams they interleave.
    /// Ends when cancelled.
    /// </summary>
    public async IAsyncEnumerable<FollowedEvent> FollowEventsAsync(string? after = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var keys = SwitchStreams.AllStreamKeys.ToArray();
        var positions = FeedPositions.Parse(after ?? await EventsPositionAsync(cancellationToken), keys.Length);
        var reads = keys.Select((key, index) => Read(index)).ToList();
        while (!cancellationToken.IsCancellationRequested)
        {
            var done = await Task.WhenAny(reads).WaitAsync(cancellationToken);
            var index = reads.IndexOf(done);
            var page = await done;
            foreach (var item in page.Events)
            {
                positions[index] = (page.Epoch, item.Sequence);
                yield return new FollowedEvent(FeedPositions.Format(positions), item.Event);
            }

            if (page.Events.Count == 0)
            {
                positions[index] = (page.Epoch, positions[index].Epoch == page.Epoch ? positions[index].Sequence : 0);
            }

            reads[index] = Read(index);
        }

        Task<FeedPage> Read(int index) =>
            calls.Read(() => grains.GetGrain<IEventFeedGrain>(keys[index]).Read(positions[index].Epoch, positions[index].Sequence, IEventFeedGrain.WaitMax), cancellationToken);
    }
}

// The live event stream: where it stands now
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>The position of the newest event of every stream: follow after it to get only what happens from now on.</summary>
    public async Task<string> EventsPositionAsync(CancellationToken cancellationToken = default)
    {
        var now = await Task.WhenAll(SwitchStreams.AllStreamKeys.Select(key => calls.Read(() => grains.GetGrain<IEventFeedGrain>(key).Read(null, 0, TimeSpan.Zero), cancellationToken)));
        return FeedPositions.Format([.. now.Select(page => ((string?)page.Epoch, page.Latest))]);
    }
}

/// <summary>A follower's position in every stream: <c>epoch.sequence</c> per stream, joined by <c>_</c>.</summary>
internal static class FeedPositions
{
    public static (string? Epoch, long Sequence)[] Parse(string? text, int count)
    {
        var positions = new (string? Epoch, long Sequence)[count];
        var parts = text?.Split('_') ?? [];
        if (parts.Length != count)
        {
            return positions;
        }

        for (var index = 0; index < count; index++)
        {
            var pair = parts[index].Split('.');
            if (pair.Length == 2 && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                positions[index] = (pair[0], sequence);
            }
        }

        return positions;
    }

    public static string Format((string? Epoch, long Sequence)[] positions) =>
        string.Join('_', positions.Select(position => $"{position.Epoch ?? "0"}.{position.Sequence.ToString(CultureInfo.InvariantCulture)}"));
}
