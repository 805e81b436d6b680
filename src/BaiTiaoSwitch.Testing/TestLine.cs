using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Testing;

/// <summary>A line a test opened: its id, its holder (binding proves the holder's identity) and its limit in fen.</summary>
public sealed record TestLine(string AccountId, Holder Holder, long CreditLimit)
{
    /// <summary>
    /// A well-formed test identity with a fresh phone number, so that binding's codes-per-phone bound
    /// (<c>BindingOptions.CodesPerPhonePerHourMax</c>) counts one line's bindings, not every test's.
    /// </summary>
    public static Holder NewHolder() =>
        new("张三", "110101199003077777", "138" + System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>A card a test issued on a line: its id and number (a test may bind it through a wallet).</summary>
public sealed record TestCard(TestLine Line, string CardId, string CardNumber)
{
    public override string ToString() => $"TestCard({CardId})";
}
