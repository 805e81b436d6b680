namespace BaiTiaoSwitch.Accounts;

// The line's upkeep: holds past their period expire on the line's reminder, with no call from outside.
public sealed partial class CreditAccountGrain
{
    private IGrainTimer? reminderRetry;

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
    /// Every open line has its expiry reminder. Registering it can fail while the line's answer is already durable (a
    /// silo whose reminder service is still reading its range after a start, or storage), and an opened line must not be
    /// answered as an error for that: this activation tries again every <see cref="SwitchOptions.HoldSweepPeriod"/> on a
    /// grain timer until it succeeds, and the next activation tries again too.
    /// </summary>
    private async Task KeepUpkeepReminder()
    {
        if (upkeep.IsDone)
        {
            StopReminderRetry();
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(LineUpkeep.ReminderName, book.Options.HoldSweepPeriod, book.Options.HoldSweepPeriod);
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

    /// <summary>A closed line with no open hold has nothing left to expire: its reminder goes, so reminders stay bounded.</summary>
    private async Task DropReminderIfDone()
    {
        if (upkeep.IsDone && await this.GetReminder(LineUpkeep.ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
