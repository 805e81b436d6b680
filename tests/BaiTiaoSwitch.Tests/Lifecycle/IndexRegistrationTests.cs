using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// An index entry's registration writes it create-only, without reading it first (every card issued and every grant
/// made saves a read that finds nothing). The store's refusal is what tells an existing entry: its retry after a lost
/// answer is told yes, another id is told no, and neither is ever written over.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IndexRegistrationTests(ClusterFixture fixture)
{
    private StorageFaults Faults => ClusterFactory.Faults(fixture.Cluster);

    [Fact]
    public async Task A_new_entry_is_registered_with_one_write_and_no_read()
    {
        var entry = Activations.SiloGrains(fixture.Cluster).GetGrain<IWalletTokenGrain>("idx-new-" + Guid.NewGuid().ToString("N"));
        var target = entry.GetGrainId().ToString();
        var writesBefore = Faults.Writes(StorageNames.Records);

        Assert.True(await entry.Register("gr_only"));

        Assert.Equal(0, Faults.PointReads(StorageNames.Records, read => read == target));
        Assert.True(Faults.Writes(StorageNames.Records) > writesBefore);
        Assert.Equal("gr_only", await entry.Find());
    }

    [Fact]
    public async Task A_registration_whose_answer_was_lost_is_told_yes_on_retry_and_another_id_is_told_no()
    {
        var key = "idx-lost-" + Guid.NewGuid().ToString("N");
        var grains = Activations.SiloGrains(fixture.Cluster);
        var target = grains.GetGrain<ICardNumberIndexGrain>(key).GetGrainId().ToString();
        Faults.Arm(StorageNames.Records, Fault.FailAfterWrite, write => write == target);

        await Assert.ThrowsAsync<OutcomeUnknownException>(() => grains.GetGrain<ICardNumberIndexGrain>(key).Register("cd_first"));

        Assert.True(await grains.GetGrain<ICardNumberIndexGrain>(key).Register("cd_first"));
        Assert.False(await grains.GetGrain<ICardNumberIndexGrain>(key).Register("cd_second"));
        Assert.Equal("cd_first", await grains.GetGrain<ICardNumberIndexGrain>(key).Find());
    }

    [Fact]
    public async Task A_second_activation_that_takes_a_held_entry_for_absent_cannot_write_over_it()
    {
        var key = "idx-held-" + Guid.NewGuid().ToString("N");
        var grains = Activations.SiloGrains(fixture.Cluster);
        var entry = grains.GetGrain<IWalletTokenGrain>(key);
        Assert.True(await entry.Register("gr_first"));

        // The registering activation leaves memory; the next one has read nothing, and its create-only write is refused.
        Assert.Null(await Activations.WhereActiveAfterIdle(fixture.Cluster, entry));
        Assert.False(await entry.Register("gr_second"));
        Assert.Equal("gr_first", await entry.Find());
    }
}
