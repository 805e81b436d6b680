using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Testing;

/// <summary>A line a test opened: its id, its holder (binding proves the holder's identity) and its limit in fen.</summary>
public sealed record TestLine(string AccountId, Holder Holder, long CreditLimit)
{
    /// <summary>The holder of every line the kit opens unless the test names another: a well-formed test identity.</summary>
    public static readonly Holder DefaultHolder = new("张三", "110101199003077777", "13800138000");
}

/// <summary>A card a test issued on a line: its id and number (a test may bind it through a wallet).</summary>
public sealed record TestCard(TestLine Line, string CardId, string CardNumber)
{
    public override string ToString() => $"TestCard({CardId})";
}
