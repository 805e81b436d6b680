using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Lifecycle;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Cards;

[GenerateSerializer, Alias("bts.CardState")]
public sealed class CardState : IKeepsRecentAnswers
{
    [Id(0)] public string AccountId { get; set; } = "";

    [Id(1)] public ProtectedValue? Number { get; set; }

    [Id(2)] public string NumberHash { get; set; } = "";

    [Id(3)] public string Last4 { get; set; } = "";

    [Id(4)] public string Expiry { get; set; } = "";

    [Id(5)] public CardStatus Status { get; set; }

    [Id(6)] public SpendLimits Limits { get; set; } = SpendLimits.None;

    /// <summary>Grows with every change of status or limits; the account keeps the newest revision it was told.</summary>
    [Id(7)] public long Revision { get; set; }

    /// <summary>The hot list: grants that may still approve (at most <c>CardGrantsMax</c> once ended ones are retired).</summary>
    [Id(8)] public List<string> GrantIds { get; set; } = [];

    [Id(9)] public DateTimeOffset CreatedAt { get; set; }

    [Id(10)] public List<LifecycleAnswer> Answers { get; set; } = [];

    [Id(11)] public long AnswersDropped { get; set; }

    /// <summary>Grants retired from the hot list once ended, oldest first; at most <c>CardEndedGrantsMax</c>.</summary>
    [Id(12)] public List<string> EndedGrantIds { get; set; } = [];

    public bool IsIssued => Number is not null;
}
