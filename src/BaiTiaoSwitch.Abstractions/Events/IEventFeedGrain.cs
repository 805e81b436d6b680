using Orleans.Concurrency;

namespace BaiTiaoSwitch.Events;

/// <summary>
/// The replay buffer of one event stream (its key is the stream's): the newest <c>SwitchOptions.EventReplayMax</c>
/// events, deduplicated by event id, each with a sequence number of this feed's <see cref="FeedPage.Epoch"/> (a new
/// activation starts a new epoch). Followers read after the position they last saw, waiting a little for new events.
/// </summary>
public interface IEventFeedGrain : IGrainWithStringKey
{
    /// <summary>Longest a read waits for a new event before it answers with none.</summary>
    public static readonly TimeSpan WaitMax = TimeSpan.FromSeconds(10);

    /// <summary>Most events one read answers.</summary>
    public const int PageMax = 256;

    /// <summary>
    /// Events after <paramref name="after"/> of <paramref name="epoch"/> (all it holds when the epoch is another or
    /// null), oldest first, at most <see cref="PageMax"/>; when there are none, waits up to <paramref name="wait"/>.
    /// </summary>
    [IssuerOnly, AlwaysInterleave]
    Task<FeedPage> Read(string? epoch, long after, TimeSpan wait);
}

[GenerateSerializer, Immutable, Alias("bts.FeedPage")]
public sealed record FeedPage(
    [property: Id(0)] string Epoch,
    [property: Id(1)] IReadOnlyList<FeedEvent> Events,
    [property: Id(2)] long Latest);

[GenerateSerializer, Immutable, Alias("bts.FeedEvent")]
public sealed record FeedEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] SwitchEvent Event);
