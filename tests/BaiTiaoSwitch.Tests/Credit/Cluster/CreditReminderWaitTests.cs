using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit.Cluster;

/// <summary>
/// A credit operation never waits long on its reminder: a starting reminder service holds a registration for up to
/// 20 s, the caller's own deadline, and a repayment must not time out for that.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CreditReminderWaitTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_credit_operation_answers_while_its_reminder_registration_is_held_and_the_reminder_is_stored_when_released()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var credit = SiloSide.Grains(fixture.Cluster).GetGrain<IAccountCreditGrain>(scenario.AccountId);
        var target = credit.GetGrainId() + "/" + AccountCreditGrain.ReminderName;
        var faults = ClusterFactory.Faults(fixture.Cluster);
        var held = faults.Hold(FaultyReminderTable.Store, each => each == target);
        var stored = faults.WhenStored(FaultyReminderTable.Store, each => each == target);

        var statements = await scenario.Issuer.ListStatementsAsync(scenario.AccountId).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Empty(statements);
        Assert.True(held.Arrived.IsCompleted, "the registration should have reached the held write");
        Assert.False(stored.IsCompleted, "the registration should still be held");
        held.Release();
        await stored.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(await SiloSide.Reminders(fixture.Cluster).ReadRow(credit.GetGrainId(), AccountCreditGrain.ReminderName));
    }
}
