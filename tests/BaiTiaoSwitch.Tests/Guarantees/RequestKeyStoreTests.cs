using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>The channel's key namespace on Azurite: claims made at once share transactions, and each key has one owner.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RequestKeyStoreTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Concurrent_claims_of_the_same_keys_by_two_owners_give_each_key_to_exactly_one()
    {
        var store = SiloSide.Services(fixture.Cluster).GetRequiredService<IRequestKeyStore>();
        var keys = Enumerable.Range(0, 150).Select(i => $"race-{Guid.NewGuid():N}-{i}").ToArray();

        var claims = await Task.WhenAll(keys.SelectMany(key => new[] { "account/a", "account/b", "account/a" }.Select(owner =>
            Task.Run(async () => (key, owner, claim: await store.Claim("alipay", key, owner, "f-" + owner))))));

        foreach (var perKey in claims.GroupBy(claim => claim.key))
        {
            var claimed = Assert.Single(perKey, claim => claim.claim.Outcome == KeyClaimOutcome.Claimed);
            Assert.All(perKey.Where(claim => claim != claimed), claim =>
                Assert.Equal(claim.owner == claimed.owner ? KeyClaimOutcome.AlreadyYours : KeyClaimOutcome.UsedElsewhere, claim.claim.Outcome));
        }
    }
}
