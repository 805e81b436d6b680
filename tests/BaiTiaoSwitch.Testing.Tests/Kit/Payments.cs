using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

/// <summary>The kit's own tests pay through a grant the issuer creates directly (binding is the sample's business).</summary>
internal static class Payments
{
    public static readonly Merchant Shop = new("m-001", "Test Shop", "5411", "CN");

    public static async Task<Grant> GrantAsync(SwitchTestCluster cluster, TestCard card, string channel) =>
        await cluster.Issuer.CreateGrantAsync(card.CardId, new GrantRequest(channel));

    public static Task<Authorization> PayAsync(SwitchTestCluster cluster, Grant grant, long fen) =>
        cluster.Wallet(grant.Channel).AuthorizeAsync(new AuthorizeRequest(grant.GrantId, null, Money.Fen(fen), Shop));
}
