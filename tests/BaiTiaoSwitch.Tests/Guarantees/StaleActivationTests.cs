using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>
/// Guarantee 4 (acknowledged means durable, and never denied) when a line has two activations, as it briefly may after
/// a silo dies: two clusters on one service id share storage but not a grain directory, so each has its own activation
/// of the line. The one that loaded before the other approved must not answer not_found for that authorization.
/// </summary>
[Collection(OwnClusterCollection.Name)]
public sealed class StaleActivationTests
{
    public StaleActivationTests() => Azurite.EnsureRunning();

    [Fact]
    public async Task A_capture_at_a_stale_activation_of_its_line_is_never_refused_not_found_and_its_retry_captures()
    {
        await WithTwoActivations(async (approved, stale) =>
        {
            var key = "stale-capture-" + Guid.NewGuid().ToString("N");
            Task<Capture> Capture(RequestOptions options) => stale.CaptureAsync(approved.AuthorizationId, Money.Fen(2_000), final: true, options);

            await Assert.ThrowsAsync<OutcomeUnknownException>(() => Capture(RequestOptions.WithKey(key)));
            var tally = new RetryTally();
            var captured = await new SameKeyRetry(tally, TimeSpan.FromMinutes(1)).Resolve(key, Capture);

            Assert.True(captured is not null, string.Join("; ", tally.Unexpected.Concat(tally.Unresolved)));
            Assert.Equal(2_000, captured.Amount.Amount);
            Assert.Equal(AuthorizationStatus.Closed, (await stale.GetAuthorizationAsync(approved.AuthorizationId)).Status);
        });
    }

    [Fact]
    public async Task A_read_at_a_stale_activation_of_its_line_is_never_answered_not_found_and_its_retry_finds_it()
    {
        await WithTwoActivations(async (approved, stale) =>
        {
            await Assert.ThrowsAsync<OutcomeUnknownException>(() => stale.GetAuthorizationAsync(approved.AuthorizationId));
            var tally = new RetryTally();
            var read = await new SameKeyRetry(tally, TimeSpan.FromMinutes(1)).Resolve("unused", _ => stale.GetAuthorizationAsync(approved.AuthorizationId));

            Assert.True(read is not null, string.Join("; ", tally.Unexpected.Concat(tally.Unresolved)));
            Assert.Equal(AuthorizationStatus.Pending, read.Status);
        });
    }

    /// <summary>
    /// The line is opened and paid on the first cluster; the second cluster's activation loads it; then the first one
    /// approves an authorization the second has not seen. <paramref name="test"/> gets a wallet (no SDK retries) on the second.
    /// </summary>
    private static async Task WithTwoActivations(Func<Authorization, BaiTiaoSwitchClient, Task> test)
    {
        var serviceId = "bts-stale-" + Guid.NewGuid().ToString("N")[..8];
        var first = ClusterFactory.Build(1, serviceId);
        var second = ClusterFactory.Build(1, serviceId);
        await Task.WhenAll(first.DeployAsync(), second.DeployAsync());
        try
        {
            var scenario = await Scenario.Create(first.GrainFactory, 10_000, "alipay");
            var earlier = await scenario.Pay("alipay", 1_000);
            var stale = Wallets.WithoutRetries(second.GrainFactory, "alipay");
            Assert.Equal(AuthorizationStatus.Pending, (await stale.GetAuthorizationAsync(earlier.AuthorizationId)).Status);

            var approved = await scenario.Pay("alipay", 2_000);
            Assert.Equal(Decision.Approved, approved.Decision);

            await test(approved, stale);
        }
        finally
        {
            await Task.WhenAll(Stop(first), Stop(second));
        }
    }

    private static async Task Stop(TestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}
