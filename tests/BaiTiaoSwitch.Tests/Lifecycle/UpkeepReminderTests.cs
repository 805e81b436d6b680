using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// An opened line always gets its hold-expiry reminder, and registering it never turns a durable opening into an
/// error (as a silo whose reminder service is still starting would), nor holds its answer for long.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UpkeepReminderTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_line_whose_reminder_could_not_be_registered_is_opened_and_the_reminder_is_registered_by_a_later_try()
    {
        var faults = StorageFaults.For(fixture.Cluster.Options.ServiceId);
        var accountId = "acct-" + Guid.NewGuid().ToString("N")[..16];
        bool IsItsReminder(string target) => target.Contains(accountId, StringComparison.Ordinal) && target.EndsWith("/" + LineUpkeep.ReminderName, StringComparison.Ordinal);
        faults.Arm(FaultyReminderTable.Store, Fault.FailBeforeWrite, IsItsReminder);
        var registered = faults.WhenStored(FaultyReminderTable.Store, IsItsReminder);

        var issuer = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);
        var opened = await issuer.OpenAccountAsync(new OpenAccountRequest(accountId, new Holder("张三", "110101199003077777", "13800138000"), Money.Fen(10_000), 720));

        Assert.Equal(accountId, opened.AccountId);
        Assert.False(registered.IsCompleted, "the armed fault should have refused the first registration");
        await registered.WaitAsync(TimeSpan.FromMinutes(1));
        var line = fixture.Cluster.GrainFactory.GetGrain<ICreditAccountGrain>(accountId).GetGrainId();
        Assert.NotNull(await SiloSide.Reminders(fixture.Cluster).ReadRow(line, LineUpkeep.ReminderName));
    }

    [Fact]
    public async Task A_line_answers_its_opening_while_its_reminder_registration_is_held_and_registers_it_when_released()
    {
        var faults = StorageFaults.For(fixture.Cluster.Options.ServiceId);
        var accountId = "acct-" + Guid.NewGuid().ToString("N")[..16];
        bool IsItsReminder(string target) => target.Contains(accountId, StringComparison.Ordinal) && target.EndsWith("/" + LineUpkeep.ReminderName, StringComparison.Ordinal);
        var held = faults.Hold(FaultyReminderTable.Store, IsItsReminder);
        var registered = faults.WhenStored(FaultyReminderTable.Store, IsItsReminder);
        var issuer = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);

        // A starting reminder service holds a registration for up to 20 s, the caller's own deadline.
        var opened = await issuer.OpenAccountAsync(new OpenAccountRequest(accountId, new Holder("张三", "110101199003077777", "13800138000"), Money.Fen(10_000), 720))
            .WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(accountId, opened.AccountId);
        Assert.True(held.Arrived.IsCompleted, "the registration should have reached the held write");
        Assert.False(registered.IsCompleted, "the registration should still be held");
        held.Release();
        await registered.WaitAsync(TimeSpan.FromMinutes(1));
        var line = fixture.Cluster.GrainFactory.GetGrain<ICreditAccountGrain>(accountId).GetGrainId();
        Assert.NotNull(await SiloSide.Reminders(fixture.Cluster).ReadRow(line, LineUpkeep.ReminderName));
    }
}
