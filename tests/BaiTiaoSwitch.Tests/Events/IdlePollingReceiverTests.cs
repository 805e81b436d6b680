using BaiTiaoSwitch.Events;
using Microsoft.Extensions.Time.Testing;
using Orleans.Streams;
using Xunit;

namespace BaiTiaoSwitch.Tests.Events;

/// <summary>An event queue's reader asks storage less and less while its queue is idle, and at once again when woken.</summary>
public sealed class IdlePollingReceiverTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan IdleMax = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task An_idle_queue_is_read_after_doubling_pauses_up_to_the_idle_bound_and_not_on_the_ticks_in_between()
    {
        var clock = new FakeTimeProvider();
        var queue = new CountingReceiver();
        var receiver = new IdlePollingReceiver(queue, Period, IdleMax, clock);

        // Reads at 0, then after 200, 400 and 700 (the bound), then 700 again; a tick every 100 ms in between.
        var readAt = new List<long>();
        for (var elapsed = 0L; elapsed <= 2_700; elapsed += 100)
        {
            var before = queue.Reads;
            await receiver.GetQueueMessagesAsync(32, CancellationToken.None);
            if (queue.Reads > before)
            {
                readAt.Add(elapsed);
            }

            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal([0L, 200, 600, 1_300, 2_000, 2_700], readAt);
    }

    [Fact]
    public async Task A_woken_reader_reads_at_the_next_tick_and_a_queue_with_messages_is_read_on_every_tick()
    {
        var clock = new FakeTimeProvider();
        var queue = new CountingReceiver();
        var receiver = new IdlePollingReceiver(queue, Period, IdleMax, clock);
        await receiver.GetQueueMessagesAsync(32, CancellationToken.None);
        await receiver.GetQueueMessagesAsync(32, CancellationToken.None);
        Assert.Equal(1, queue.Reads);

        receiver.Wake();
        queue.Waiting = 3;
        Assert.Single(await receiver.GetQueueMessagesAsync(32, CancellationToken.None));
        Assert.Single(await receiver.GetQueueMessagesAsync(32, CancellationToken.None));
        Assert.Single(await receiver.GetQueueMessagesAsync(32, CancellationToken.None));
        Assert.Empty(await receiver.GetQueueMessagesAsync(32, CancellationToken.None));
        Assert.Empty(await receiver.GetQueueMessagesAsync(32, CancellationToken.None));
        Assert.Equal(5, queue.Reads);
    }

    /// <summary>A queue that counts its reads and hands out one message per read while it has some.</summary>
    private sealed class CountingReceiver : IQueueAdapterReceiver
    {
        public int Reads { get; private set; }

        public int Waiting { get; set; }

        public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

        public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
        {
            Reads++;
            if (Waiting == 0)
            {
                return Task.FromResult<IList<IBatchContainer>>([]);
            }

            Waiting--;
            return Task.FromResult<IList<IBatchContainer>>([null!]);
        }

        public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

        public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
    }
}
