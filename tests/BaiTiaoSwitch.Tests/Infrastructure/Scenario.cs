using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>A fresh line with one card and grants for the wallets a test names: the common setup of payment tests.</summary>
public sealed record Scenario(BaiTiaoSwitchClient Issuer, string AccountId, string CardId, string CardNumber, IReadOnlyDictionary<string, Grant> Grants)
{
    public static readonly Merchant Shop = new("m-001", "Test Shop", "5411", "CN");

    public static async Task<Scenario> Create(IGrainFactory grains, long limit, params string[] channels)
    {
        var issuer = new BaiTiaoSwitchClient(grains, TestKeys.Issuer);
        var accountId = "acct-" + Guid.NewGuid().ToString("N")[..16];
        await issuer.OpenAccountAsync(new OpenAccountRequest(accountId, new Holder("张三", "110101199003077777", "13800138000"), Money.Fen(limit), 720));
        var card = await issuer.IssueCardAsync(accountId);
        var grants = new Dictionary<string, Grant>();
        foreach (var channel in channels.Length == 0 ? ["alipay"] : channels)
        {
            grants[channel] = await issuer.CreateGrantAsync(card.Card.CardId, new GrantRequest(channel));
        }

        return new Scenario(issuer, accountId, card.Card.CardId, card.CardNumber, grants);
    }

    public BaiTiaoSwitchClient Wallet(string channel) => Issuer.As(TestKeys.Wallet(channel));

    public Task<Authorization> Pay(string channel, long amount, string? key = null, Merchant? merchant = null) =>
        Wallet(channel).AuthorizeAsync(new AuthorizeRequest(Grants[channel].GrantId, null, Money.Fen(amount), merchant ?? Shop), key is null ? null : RequestOptions.WithKey(key));
}
