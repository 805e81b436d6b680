namespace BaiTiaoSwitch.Accounts;

// The line's upkeep: holds past their period expire on the line's reminder, with no call from outside.
public sealed partial class CreditAccountGrain
{
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

    /// <summary>A closed line with no open hold has nothing left to expire: its reminder goes, so reminders stay bounded.</summary>
    private async Task DropReminderIfDone()
    {
        if (upkeep.IsDone && await this.GetReminder(LineUpkeep.ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
