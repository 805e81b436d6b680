using System.Security.Cryptography;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Client;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// A fresh line with one card and a holder of its own (random identity number and phone), for binding tests: each
/// test's codes go to a phone no other test uses.
/// </summary>
public sealed record BindingLine(BaiTiaoSwitchClient Issuer, string AccountId, string CardId, string CardNumber, Holder Holder)
{
    public static async Task<BindingLine> Open(IGrainFactory grains, int creditScore = 720)
    {
        var issuer = new BaiTiaoSwitchClient(grains, TestKeys.Issuer);
        var holder = new Holder("张三", "1101011990" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999), "139" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999));
        var accountId = "acct-" + Guid.NewGuid().ToString("N")[..16];
        await issuer.OpenAccountAsync(new OpenAccountRequest(accountId, holder, Money.Fen(100_000), creditScore));
        var card = await issuer.IssueCardAsync(accountId);
        return new BindingLine(issuer, accountId, card.Card.CardId, card.CardNumber, holder);
    }

    /// <summary>A 16-digit number under the test BIN that no card has (with overwhelming probability).</summary>
    public static string UnknownNumber() => "62123400" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999);

    public BindingRequest Request => new(CardNumber, Holder);

    public BindingRequest WrongHolder => new(CardNumber, Holder with { Name = "李四" });

    /// <summary>Starts a binding for <paramref name="wallet"/> and returns its grant id and the code the holder got.</summary>
    public async Task<(string GrantId, string Code)> Start(BaiTiaoSwitchClient wallet, string? key = null)
    {
        var grant = await wallet.StartBindingAsync(Request, key is null ? null : RequestOptions.WithKey(key));
        return (grant.GrantId, RecordedOtps.Last(HolderRecord.NormalizePhone(Holder.Phone)));
    }
}
