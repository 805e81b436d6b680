using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// One hot line: an account with the largest limit a line may have (so nothing is declined for credit), one card and
/// two grants (alipay, wechatpay). Callers alternate between the grants, each through its wallet's SDK client.
/// </summary>
public sealed class HotLine
{
    public static readonly Merchant Shop = new("m-bench", "Bench Shop", "5411", "CN");
    private readonly string[] grants;
    private readonly BaiTiaoSwitchClient[] wallets;
    private readonly Money amount;

    private HotLine(string accountId, BaiTiaoSwitchClient issuer, string[] grants, BaiTiaoSwitchClient[] wallets, Money amount)
    {
        AccountId = accountId;
        Issuer = issuer;
        this.grants = grants;
        this.wallets = wallets;
        this.amount = amount;
    }

    public string AccountId { get; }

    public BaiTiaoSwitchClient Issuer { get; }

    public static async Task<HotLine> Open(BenchCluster cluster, long amountFen)
    {
        var issuer = cluster.Issuer();
        var accountId = "hot-" + Guid.NewGuid().ToString("N")[..12];
        await issuer.OpenAccountAsync(new OpenAccountRequest(accountId, new Holder("张三", "110101199003077777", "13800138000"), Money.Fen(Money.AmountMax), 720));
        var card = await issuer.IssueCardAsync(accountId);
        string[] channels = ["alipay", "wechatpay"];
        var grants = new string[channels.Length];
        var wallets = new BaiTiaoSwitchClient[channels.Length];
        for (var i = 0; i < channels.Length; i++)
        {
            grants[i] = (await issuer.CreateGrantAsync(card.Card.CardId, new GrantRequest(channels[i]))).GrantId;
            wallets[i] = issuer.As(BenchCallers.Wallets[channels[i]]);
        }

        return new HotLine(accountId, issuer, grants, wallets, Money.Fen(amountFen));
    }

    public Task<Authorization> Authorize(int caller)
    {
        var grant = caller % grants.Length;
        return wallets[grant].AuthorizeAsync(new AuthorizeRequest(grants[grant], null, amount, Shop));
    }
}
