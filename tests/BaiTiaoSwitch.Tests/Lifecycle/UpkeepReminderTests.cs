using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// A line keeps its hold-expiry reminder exactly while something on it comes due with time: a new line has none, its
/// first hold registers it before it is answered, and registering it never turns a durable payment into an error (as a
/// silo whose reminder service is still starting would).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UpkeepReminderTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_new_line_keeps_no_reminder_and_its_first_hold_is_answered_once_its_reminder_is_stored()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var line = GrainId.Create("creditaccount", scenario.AccountId);
        Assert.Null(await SiloSide.Reminders(fixture.Cluster).ReadRow(line, LineUpkeep.ReminderName));

        await scenario.Pay("alipay", 100);

        Assert.NotNull(await SiloSide.Reminders(fixture.Cluster).ReadRow(line, LineUpkeep.ReminderName));
    }

    [Fact]
    public async Task A_hold_whose_reminder_could_not_be_registered_is_approved_and_the_reminder_is_registered_by_a_later_try()
    {
        var faults = StorageFaults.For(fixture.Cluster.Options.ServiceId);
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        faults.Arm(FaultyReminderTable.Store, Fault.FailBeforeWrite, IsReminderOf(scenario.AccountId));
        var registered = faults.WhenStored(FaultyReminderTable.Store, IsReminderOf(scenario.AccountId));

        var approved = await scenario.Pay("alipay", 100);

        Assert.True(approved.IsApproved);
        Assert.False(registered.IsCompleted, "the armed fault should have refused the first registration");
        await registered.WaitAsync(TimeSpan.FromMinutes(1));
        var line = GrainId.Create("creditaccount", scenario.AccountId);
        Assert.NotNull(await SiloSide.Reminders(fixture.Cluster).ReadRow(line, LineUpkeep.ReminderName));
    }

    private static Func<string, bool> IsReminderOf(string accountId) =>
        target => target.Contains(accountId, StringComparison.Ordinal) && target.EndsWith("/" + LineUpkeep.ReminderName, StringComparison.Ordinal);
}
