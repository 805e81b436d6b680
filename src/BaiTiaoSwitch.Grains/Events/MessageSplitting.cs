using Azure;

namespace BaiTiaoSwitch.Events;

/// <summary>
/// Puts events in queue messages of at most a bound of events each; a message the queue refuses as too large (over
/// 64 KiB, HTTP 413: a few unusually large events) goes again as two halves, down to single events, so an outbox is
/// never stuck on a message that can never be stored.
/// </summary>
public static class MessageSplitting
{
    public static async Task Put(IReadOnlyList<SwitchEvent> events, int eventsPerMessageMax, Func<IReadOnlyList<SwitchEvent>, Task> put)
    {
        foreach (var chunk in events.Chunk(eventsPerMessageMax))
        {
            await PutSplittingWhenTooLarge(chunk, put);
        }
    }

    private static async Task PutSplittingWhenTooLarge(IReadOnlyList<SwitchEvent> events, Func<IReadOnlyList<SwitchEvent>, Task> put)
    {
        try
        {
            await put(events);
        }
        catch (Exception exception) when (events.Count > 1 && IsTooLarge(exception))
        {
            var half = events.Count / 2;
            await PutSplittingWhenTooLarge([.. events.Take(half)], put);
            await PutSplittingWhenTooLarge([.. events.Skip(half)], put);
        }
    }

    private static bool IsTooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is RequestFailedException { Status: 413 })
            {
                return true;
            }
        }

        return false;
    }
}
