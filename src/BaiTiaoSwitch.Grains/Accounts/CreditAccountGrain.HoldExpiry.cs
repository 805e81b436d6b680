namespace BaiTiaoSwitch.Accounts;

// The line's upkeep: holds past their period expire on the line's reminder, with no call from outside.
public sealed partial class CreditAccountGrain
{
    private IGrainTimer? reminderRetry;

    // Whether this activation registered the reminder, and the registration under way: a hold made on a line with
    // none registers it once, and every payment answered meanwhile waits for that one registration.
    private bool reminderHeld;
    private Task? reminderRegistration;

    public async Task<int> ExpireHolds()
    {
        try
        {
            var expired = await upkeep.Run();
            await DropReminderIfDone();
            return expired;
        }
        finally
        {
            DropIfFailed();
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ExpireHolds();

    /// <summary>
    /// After an operation, before its answer: a line that now has something to expire and no reminder in this activation
    /// gets one, so an acknowledged hold always has its reminder (or, if storage refused it, a live retry).
    /// </summary>
    private Task EnsureUpkeepReminder()
    {
        if (reminderHeld || !upkeep.NeedsReminder)
        {
            return Task.CompletedTask;
        }

        // A failed registration is tried again by its timer, not by every payment meanwhile.
        if (reminderRetry is null && reminderRegistration is not { IsCompleted: false })
        {
            reminderRegistration = KeepUpkeepReminder();
        }

        return reminderRegistration ?? Task.CompletedTask;
    }

    /// <summary>
    /// Every line with something to expire (<see cref="LineUpkeep.NeedsReminder"/>) has its expiry reminder. Registering
    /// it can fail while the line's answer is already durable (a silo whose reminder service is still reading its range
    /// after a start, or storage), and a payment must not be answered as an error for that: this activation tries again
    /// every <see cref="SwitchOptions.HoldSweepPeriod"/> on a grain timer until it succeeds, and the next activation
    /// tries again too. It never throws.
    /// </summary>
    private async Task KeepUpkeepReminder()
    {
        if (!upkeep.NeedsReminder)
        {
            StopReminderRetry();
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(LineUpkeep.ReminderName, book.Options.HoldSweepPeriod, book.Options.HoldSweepPeriod);
            reminderHeld = true;
            StopReminderRetry();
        }
        catch (Exception exception)
        {
            LogReminderFailed(exception, book.Header.AccountId);
            var period = book.Options.HoldSweepPeriod;
            reminderRetry ??= this.RegisterGrainTimer(_ => KeepUpkeepReminder(), period, period);
        }
    }

    private void StopReminderRetry()
    {
        reminderRetry?.Dispose();
        reminderRetry = null;
    }

    /// <summary>A line with nothing left to expire lets its reminder go, so reminders stay as many as such lines.</summary>
    private async Task DropReminderIfDone()
    {
        if (!upkeep.NeedsReminder && await this.GetReminder(LineUpkeep.ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            reminderHeld = false;
        }
    }
}
