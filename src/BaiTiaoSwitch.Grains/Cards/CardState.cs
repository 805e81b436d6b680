using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Cards;

[GenerateSerializer, Alias("bts.CardState")]
public sealed class CardState
{
    [Id(0)] public string AccountId { get; set; } = "";

    [Id(1)] public ProtectedValue? Number { get; set; }

    [Id(2)] public string NumberHash { get; set; } = "";

    [Id(3)] public string Last4 { get; set; } = "";

    [Id(4)] public string Expiry { get; set; } = "";

    [Id(5)] public CardStatus Status { get; set; }

    [Id(6)] public SpendLimits Limits { get; set; } = SpendLimits.None;

    [Id(7)] public long Revision { get; set; }

    [Id(8)] public List<string> GrantIds { get; set; } = [];

    [Id(9)] public DateTimeOffset CreatedAt { get; set; }

    public bool IsIssued => Number is not null;
}
