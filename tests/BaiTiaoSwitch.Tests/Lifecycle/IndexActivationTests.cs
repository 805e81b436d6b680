using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
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

        Assert.Null(await ActiveOn(tokenEntry));
        Assert.Null(await ActiveOn(cardEntry));

        var paid = await scenario.Wallet("alipay").AuthorizeAsync(new AuthorizeRequest(null, token, Money.Fen(100), Scenario.Shop));
        Assert.Equal(Decision.Approved, paid.Decision);
        Assert.Equal(scenario.CardId, await cardEntry.Find());
    }

    /// <summary>Where the grain is active, once any deactivation asked for has run (null: nowhere).</summary>
    private async Task<SiloAddress?> ActiveOn(IAddressable grain)
    {
        var management = Activations.SiloGrains(fixture.Cluster).GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        SiloAddress? address;
        while ((address = await management.GetActivationAddress(grain)) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return address;
    }
}
