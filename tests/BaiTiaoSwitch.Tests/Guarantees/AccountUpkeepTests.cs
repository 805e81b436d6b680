using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>State stays bounded (issue 6 §4, §6): journal below a snapshot, reminders of open and closed lines, key claims.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountUpkeepTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Journal_entries_below_a_durable_snapshot_are_deleted_and_the_line_still_loads_exactly()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 1_000_000, "alipay");
        for (var i = 0; i < 40; i++)
        {
            await scenario.Pay("alipay", 100);
        }

        await SiloSide.Grains(fixture.Cluster).GetGrain<ICreditAccountGrain>(scenario.AccountId).ExpireHolds();
        var stored = await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId);
        var services = SiloSide.Services(fixture.Cluster);
        var partition = services.GetRequiredService<SharedCommitLog>().PartitionOf(scenario.AccountId);
        var present = new List<long>();
        await foreach (var row in services.GetRequiredService<IJournalTable>().Read(partition, scenario.AccountId, 1))
        {
            present.Add(row.Version);
        }

        Assert.Equal(40 * 100, stored.Header.Pending);
        Assert.True(present.Count < stored.Version / 2, $"journal versions still stored: {string.Join(",", present)} of {stored.Version}");
        Assert.Equal(Enumerable.Range((int)(stored.Version - present.Count + 1), present.Count).Select(v => (long)v), present);
    }

    [Fact]
    public async Task An_open_line_whose_reminder_was_lost_gets_it_back_when_it_next_activates()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var reminders = SiloSide.Reminders(fixture.Cluster);
        var grainId = GrainId.Create("creditaccount", scenario.AccountId);
        var registered = await SiloSide.ReminderOnceStored(fixture.Cluster, grainId, LineUpkeep.ReminderName);
        Assert.True(await reminders.RemoveRow(grainId, LineUpkeep.ReminderName, registered!.ETag!));

        await Activations.DeactivateAll(fixture.Cluster);
        await scenario.Issuer.GetAccountAsync(scenario.AccountId);

        Assert.NotNull(await SiloSide.ReminderOnceStored(fixture.Cluster, grainId, LineUpkeep.ReminderName));
    }

    [Fact]
    public async Task A_closed_line_with_nothing_left_to_expire_keeps_no_reminder()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grainId = GrainId.Create("creditaccount", scenario.AccountId);
        Assert.NotNull(await SiloSide.ReminderOnceStored(fixture.Cluster, grainId, LineUpkeep.ReminderName));

        await scenario.Issuer.CloseAccountAsync(scenario.AccountId);

        Assert.Null(await SiloSide.Reminders(fixture.Cluster).ReadRow(grainId, LineUpkeep.ReminderName));
    }

    [Fact]
    public async Task Key_claims_older_than_the_retention_are_swept_from_the_channels_namespace()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var key = "swept-" + Guid.NewGuid().ToString("N");
        await scenario.Pay("alipay", 100, key);
        var store = SiloSide.Services(fixture.Cluster).GetRequiredService<ShardedRequestKeyStore>();
        Assert.Equal(KeyClaimOutcome.AlreadyYours, (await store.Claim("alipay", key, "account/" + scenario.AccountId, "x")).Outcome);

        SwitchSiloConfigurator.Clock.Advance(new SwitchOptions().IdempotencyRetention + RequestKeySweepGrain.Margin + TimeSpan.FromMinutes(1));
        var swept = await SiloSide.Grains(fixture.Cluster).GetGrain<IRequestKeySweepGrain>("alipay").SweepNow();

        Assert.True(swept >= 1);
        Assert.Equal(KeyClaimOutcome.Claimed, (await store.Claim("alipay", key, "someone-else", "y")).Outcome);
    }
}
