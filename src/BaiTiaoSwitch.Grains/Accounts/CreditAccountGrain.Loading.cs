using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Accounts;

// When the line is read (LineLoading): every call but an opening waits for it; an opening whose key is fresh skips it.
public sealed partial class CreditAccountGrain
{
    // Once the line is read, every call goes straight through (no state machine on the hot path).
    public Task Invoke(IIncomingGrainCallContext context) => loading.IsEstablished ? context.Invoke() : InvokeUnread(context);

    private async Task InvokeUnread(IIncomingGrainCallContext context)
    {
        var opening = context.ImplementationMethod?.Name == nameof(Open) && loading.BeginOpening();
        try
        {
            if (!opening)
            {
                await Ready();
            }

            await context.Invoke();
        }
        finally
        {
            if (opening)
            {
                loading.EndOpening();
            }
        }
    }

    private async Task Ready()
    {
        try
        {
            await loading.Ready();
        }
        catch (Exception exception) when (exception is not SwitchException)
        {
            // No storage detail travels to the caller; the log has it. The next call reads the line again.
            LogLoadFailed(exception, book.Header.AccountId);
            throw new OutcomeUnknownException("The switch could not read this line just now. Retry (with the same idempotency key for a change): nothing took effect.");
        }
    }

    private async Task LoadLine()
    {
        var replayed = await store.Load(book, CancellationToken.None);
        requests.IndexLoaded();
        LogLoaded(book.Header.AccountId, book.Version, replayed);
        if (book.Header.IsOpened)
        {
            await KeepUpkeepReminder();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId}: reading the line from storage failed; the call answers outcome_unknown and the next call reads again")]
    private partial void LogLoadFailed(Exception exception, string accountId);
}
