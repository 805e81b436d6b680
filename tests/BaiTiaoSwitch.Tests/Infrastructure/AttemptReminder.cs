using BaiTiaoSwitch.Bindings;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>Binding's reminders, ticked by the test through a silo's own grain factory instead of waiting for them.</summary>
public static class AttemptReminder
{
    public static Task Tick(TestCluster cluster, string grantId) =>
        SiloSide.Grains(cluster).GetGrain<IBindingAttemptGrain>(grantId).AsReference<IRemindable>().ReceiveReminder(BindingAttemptGrain.ReminderName, default);

    public static Task TickCard(TestCluster cluster, string cardKey) =>
        SiloSide.Grains(cluster).GetGrain<ICardBindingGrain>(cardKey).AsReference<IRemindable>().ReceiveReminder("binding-tidy", default);
}
