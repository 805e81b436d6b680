using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Xunit;

namespace BaiTiaoSwitch.Tests.Faults;

/// <summary>Guarantees 3 and 4 when the journal write of one payment fails in each of the three ways storage can fail.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StorageFaultTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(Fault.FailBeforeWrite)]
    [InlineData(Fault.FailAfterWrite)]
    [InlineData(Fault.Conflict)]
    public async Task A_payment_whose_journal_write_fails_is_outcome_unknown_and_its_retry_takes_effect_once(Fault fault)
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var request = new AuthorizeRequest(scenario.Grants["alipay"].GrantId, null, Money.Fen(2_500), Scenario.Shop);
        // Keys are one namespace per channel across every account of the cluster: each case has its own.
        var key = $"pay-{fault}-{Guid.NewGuid():N}";
        ClusterFactory.Faults(fixture.Cluster).Arm(StorageNames.Journal, fault, target => target.Contains(scenario.AccountId, StringComparison.Ordinal));

        var unknown = await Assert.ThrowsAsync<OutcomeUnknownException>(() => wallet.AuthorizeAsync(request, RequestOptions.WithKey(key)));
        var retry = new SameKeyRetry(new RetryTally(), TimeSpan.FromSeconds(60));
        var resolved = await retry.Resolve(key, options => wallet.AuthorizeAsync(request, options));
        var again = await wallet.AuthorizeAsync(request, RequestOptions.WithKey(key));

        Assert.True(unknown.IsRetryable);
        Assert.NotNull(resolved);
        Assert.Equal(Decision.Approved, resolved.Decision);
        Assert.Equal(resolved.AuthorizationId, again.AuthorizationId);
        var expected = new ExpectedLedger();
        expected.Opened(resolved.AuthorizationId, 2_500);
        await StoredLedger.AssertConserved(fixture.Cluster, scenario, expected);
        var stored = await StoredLedger.LoadLine(fixture.Cluster, scenario.AccountId);
        Assert.Single(stored.Holds);
    }
}
