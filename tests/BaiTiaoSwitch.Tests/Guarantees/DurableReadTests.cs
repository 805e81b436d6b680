using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Guarantee 4 for reads (issue 6 §4): an answer never shows a change that is still waiting for its batch write.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DurableReadTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_read_waiting_on_one_write_does_not_show_a_capture_decided_for_the_next()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000, "alipay");
        var wallet = scenario.Wallet("alipay");
        var hold = await scenario.Pay("alipay", 3_000);
        var faults = ClusterFactory.Faults(fixture.Cluster);
        bool OfLine(string target) => target.Contains(scenario.AccountId, StringComparison.Ordinal);

        // Write 1 (another payment) is held in flight; the read starts and waits for it.
        var first = faults.Hold(StorageNames.Journal, OfLine);
        var other = scenario.Pay("alipay", 100);
        await first.Arrived;
        var read = wallet.GetAuthorizationAsync(hold.AuthorizationId);

        // A capture is decided now, after its key's claim: it goes in write 2, which is held too.
        var second = faults.Hold(StorageNames.Journal, OfLine);
        var captureKey = "read-capture-" + Guid.NewGuid().ToString("N");
        var claimed = faults.WhenStored(FaultyRequestKeyStore.Store, target => target.EndsWith(captureKey, StringComparison.Ordinal));
        var capture = wallet.CaptureAsync(hold.AuthorizationId, Money.Fen(1_000), options: RequestOptions.WithKey(captureKey));
        await claimed;
        first.Release();
        var seen = await read;
        await second.Arrived;

        Assert.Equal(0, seen.Captured.Amount);
        Assert.False(capture.IsCompleted);
        second.Release();
        await Task.WhenAll(other, capture);
        Assert.Equal(1_000, (await wallet.GetAuthorizationAsync(hold.AuthorizationId)).Captured.Amount);
    }
}
