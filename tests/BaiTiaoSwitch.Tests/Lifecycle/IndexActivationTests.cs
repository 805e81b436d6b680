using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// The card-number and wallet-token index entries are written once at setup and seldom read: they leave memory once
/// registered (an idle line keeps no activation of them), and a later lookup still finds them, from storage.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IndexActivationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_card_number_and_a_wallet_token_leave_memory_once_registered_and_are_still_found_from_storage()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var protector = StoredLedger.SiloServices(fixture.Cluster).GetRequiredService<FieldProtector>();
        var token = (await scenario.Wallet("alipay").GetGrantAsync(scenario.Grants["alipay"].GrantId)).WalletToken!;
        var silo = Activations.SiloGrains(fixture.Cluster);
        var tokenEntry = silo.GetGrain<IWalletTokenGrain>(protector.LookupHash(token, Purposes.WalletToken));
        var cardEntry = silo.GetGrain<ICardNumberIndexGrain>(protector.LookupHash(scenario.CardNumber, Purposes.CardNumber));

        Assert.Null(await Activations.WhereActiveAfterIdle(fixture.Cluster, tokenEntry));
        Assert.Null(await Activations.WhereActiveAfterIdle(fixture.Cluster, cardEntry));

        var paid = await scenario.Wallet("alipay").AuthorizeAsync(new AuthorizeRequest(null, token, Money.Fen(100), Scenario.Shop));
        Assert.Equal(Decision.Approved, paid.Decision);
        Assert.Equal(scenario.CardId, await cardEntry.Find());
    }
}
