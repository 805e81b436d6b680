namespace BaiTiaoSwitch.Accounts;

// The line's upkeep: holds past their period expire on the line's reminder, with no call from outside.
public sealed partial class CreditAccountGrain
{
    private IGrainTimer? reminderRetry;
    private readonly Reminders.BoundedRegistration reminderRegistration = new();

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
    /// Every open line has its expiry reminder, but a line's answers never wait on the reminder service for long: a
    /// silo whose reminder service is still reading its range after a start holds a registration for up to 20 s (as
    /// long as a caller waits for an answer). So the registration runs beside the caller, who waits at most
    /// <see cref="SwitchOptions.ReminderWaitMax"/>. If it fails, this activation tries again every
    /// <see cref="SwitchOptions.HoldSweepPeriod"/> on a grain timer that keeps the line in memory until it succeeds,
    /// so a line with holds is never left idle without its reminder; the next activation tries again too.
    /// </summary>
    private Task KeepUpkeepReminder()
    {
        if (upkeep.IsDone)
        {
            StopReminderRetry();
            return Task.CompletedTask;
        }

        return reminderRegistration.Keep(RegisterUpkeepReminder, book.Options.ReminderWaitMax);
    }

    private async Task RegisterUpkeepReminder()
    {
        try
        {
            await this.RegisterOrUpdateReminder(LineUpkeep.ReminderName, book.Options.HoldSweepPeriod, book.Options.HoldSweepPeriod);
            StopReminderRetry();
            // The line may have closed with nothing left to expire while this registration waited.
            await DropReminderIfDone();
        }
        catch (Exception exception)
        {
            LogReminderFailed(exception, book.Header.AccountId);
            var period = book.Options.HoldSweepPeriod;
            reminderRetry ??= this.RegisterGrainTimer(_ => KeepUpkeepReminder(), new GrainTimerCreationOptions(period, period) { KeepAlive = true });
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
