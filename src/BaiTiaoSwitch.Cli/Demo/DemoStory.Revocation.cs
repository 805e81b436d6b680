using BaiTiaoSwitch.Cli.Drivers;
using BaiTiaoSwitch.Cli.Output;

namespace BaiTiaoSwitch.Cli.Demo;

// The story's last act: one wallet's grant is revoked, its next payment declines, the other wallet still pays.
public sealed partial class DemoStory
{
    private async Task Revoke(string accountId, long limit, CancellationToken cancellationToken)
    {
        narrator.Step("Revoke the Alipay grant: its next payment is declined, WeChat Pay still works");
        var revoked = await driver.RevokeAsync(Alipay, grants[Alipay].GrantId, Key("revoke-" + Alipay), cancellationToken);
        narrator.Say($"Alipay grant {revoked.GrantId} is now {revoked.Status}.");
        var before = await driver.GetLineAsync(accountId, cancellationToken);
        var amount = Math.Min(before.Available, Math.Max(1, limit / 100));
        if (amount <= 0)
        {
            narrator.Check(false, $"credit is available again after the reversal and the refund ({Yuan.Format(before.Available)})");
            return;
        }

        narrator.Say($"{Yuan.Format(before.Available)} is available again (what the burst left, the reversal, the final capture's release and the refund).");
        narrator.Say($"Both wallets now ask for {Yuan.Format(amount)}:");
        narrator.Say();

        var merchant = DemoMerchant.All[0];
        var table = new Table(("Wallet", Align.Left), ("Merchant", Align.Left), ("Amount", Align.Right), ("Decision", Align.Left), ("Reason", Align.Left), ("Available after", Align.Right));
        var fromAlipay = await driver.AuthorizeAsync(Alipay, grants[Alipay].GrantId, amount, merchant, Key("after-revoke-" + Alipay), cancellationToken);
        table.Add(WalletName(Alipay), merchant.Name, Yuan.Format(amount), fromAlipay.Approved ? "approved" : "declined", fromAlipay.Reason ?? "", Yuan.Format(fromAlipay.AvailableAfter));
        var fromWeChat = await driver.AuthorizeAsync(WeChatPay, grants[WeChatPay].GrantId, amount, merchant, Key("after-revoke-" + WeChatPay), cancellationToken);
        table.Add(WalletName(WeChatPay), merchant.Name, Yuan.Format(amount), fromWeChat.Approved ? "approved" : "declined", fromWeChat.Reason ?? "", Yuan.Format(fromWeChat.AvailableAfter));
        narrator.Show(table);
        if (fromWeChat.Approved)
        {
            ledger.Approved(fromWeChat.AuthorizationId, fromWeChat.Amount);
        }

        var line = await driver.GetLineAsync(accountId, cancellationToken);
        narrator.Say();
        ShowLine(line);
        narrator.Check(revoked.Status == "revoked", "the Alipay grant is revoked");
        narrator.Check(!fromAlipay.Approved && fromAlipay.Reason == "grant_not_active", "Alipay's next payment is declined with grant_not_active");
        narrator.Check(fromWeChat.Approved, "WeChat Pay's payment on the same card is approved");
        ReconcileWithLedger(line);
        CheckConservation(line);
        narrator.Check(line.OverLimit == 0, "nothing was ever posted over the limit");
    }
}
