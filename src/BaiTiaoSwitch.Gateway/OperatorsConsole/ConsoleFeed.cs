using System.Threading.Channels;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Gateway.Channels;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.OperatorsConsole;

/// <summary>
/// The console's live feed until the API's <c>GET /v1/events</c> is served: this gateway follows every event stream of
/// the switch (<see cref="SwitchStreams"/>, through its cluster client), drops repeats by <see cref="SwitchEvent.EventId"/>
/// (delivery is at least once), keeps the last <see cref="ConsoleOptions.FeedReplayMax"/> for a page that opens late,
/// and hands each event to every open page. It unsubscribes when the gateway stops (the streams' subscriptions are durable). A page slower than <see cref="ConsoleOptions.FeedListenerBacklogMax"/>
/// events is dropped; its browser reconnects.
/// </summary>
public sealed partial class ConsoleFeed(ChannelRegistry channels, IOptions<ConsoleOptions> options, ILogger<ConsoleFeed> logger) : IHostedService
{
    private readonly object gate = new();
    private readonly LinkedList<SwitchEvent> recent = new();
    private readonly HashSet<string> recentIds = new(StringComparer.Ordinal);
    private readonly List<Channel<SwitchEvent>> listeners = [];
    private IAsyncDisposable? subscription;
    private readonly CancellationTokenSource stopping = new();
    private Task? following;

    /// <summary>The pause before trying again to subscribe when the cluster did not answer.</summary>
    private static readonly TimeSpan ResubscribeDelay = TimeSpan.FromSeconds(2);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Completes once this gateway follows every event stream. It starts with the first page that opens the feed (a
    /// gateway nobody watches costs the cluster nothing) and retries until the cluster answers.
    /// </summary>
    public Task Following
    {
        get
        {
            lock (gate)
            {
                return following ??= Follow();
            }
        }
    }

    private async Task Follow()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var issuer = channels.Find(options.Value.Channel) ?? throw new InvalidOperationException("Console:Channel names no configured channel.");
                subscription = await issuer.Client.SubscribeToEventsAsync(Receive, stopping.Token);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSubscribeFailed(exception.GetType().Name);
                await Task.Delay(ResubscribeDelay, stopping.Token);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (following is { } started)
        {
            await started.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        // A follower that is gone must not stay subscribed: the stream's subscriptions are durable.
        if (Interlocked.Exchange(ref subscription, null) is { } subscribed)
        {
            await subscribed.DisposeAsync();
        }

        lock (gate)
        {
            foreach (var listener in listeners)
            {
                listener.Writer.TryComplete();
            }

            listeners.Clear();
        }
    }

    /// <summary>A page's view of the feed: the recent events, then every new one, until it is disposed.</summary>
    public Listener Listen()
    {
        var channel = Channel.CreateBounded<SwitchEvent>(new BoundedChannelOptions(options.Value.FeedListenerBacklogMax) { SingleReader = true });
        lock (gate)
        {
            foreach (var item in recent)
            {
                channel.Writer.TryWrite(item);
            }

            listeners.Add(channel);
        }

        return new Listener(this, channel);
    }

    internal Task Receive(SwitchEvent item)
    {
        lock (gate)
        {
            if (!recentIds.Add(item.EventId))
            {
                return Task.CompletedTask;
            }

            recent.AddLast(item);
            while (recent.Count > options.Value.FeedReplayMax && recent.First is { } oldest)
            {
                recentIds.Remove(oldest.Value.EventId);
                recent.RemoveFirst();
            }

            for (var i = listeners.Count - 1; i >= 0; i--)
            {
                if (!listeners[i].Writer.TryWrite(item))
                {
                    listeners[i].Writer.TryComplete();
                    listeners.RemoveAt(i);
                }
            }
        }

        return Task.CompletedTask;
    }

    private void Remove(Channel<SwitchEvent> channel)
    {
        lock (gate)
        {
            listeners.Remove(channel);
        }
    }

    public sealed class Listener(ConsoleFeed feed, Channel<SwitchEvent> channel) : IDisposable
    {
        public ChannelReader<SwitchEvent> Events => channel.Reader;

        public void Dispose() => feed.Remove(channel);
    }

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "The console's feed could not subscribe to the event streams yet: {ExceptionType}")]
    private partial void LogSubscribeFailed(string exceptionType);

}
