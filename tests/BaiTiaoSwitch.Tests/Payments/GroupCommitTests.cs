using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Payments;

/// <summary>Group commit: concurrent payments on one line share journal writes instead of queueing one write each.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GroupCommitTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Concurrent_payments_on_one_line_share_journal_writes()
    {
        const int payments = 400;
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000_000, "alipay", "wechatpay");
        var before = (await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Version;

        var results = await Task.WhenAll(Enumerable.Range(0, payments).Select(i => Task.Run(() => scenario.Pay(i % 2 == 0 ? "alipay" : "wechatpay", 100))));

        Assert.All(results, result => Assert.Equal(Decision.Approved, result.Decision));
        var writes = (await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Version - before;
        // One write per payment would mean routing or the account serialized the line; batches must form. (Each new key
        // is first claimed in the channel's namespace, which spreads the decisions out in time, so batches are smaller
        // than they would be without that claim.)
        Assert.True(writes <= payments * 3 / 4, $"{payments} concurrent payments took {writes} journal writes");
    }
}
