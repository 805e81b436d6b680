using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Lifecycle;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Grants;

[GenerateSerializer, Alias("bts.GrantState")]
public sealed class GrantState : IKeepsRecentAnswers
{
    [Id(0)] public GrantRoute? Route { get; set; }

    [Id(1)] public string Last4 { get; set; } = "";

    [Id(2)] public GrantStatus Status { get; set; }

    [Id(3)] public ProtectedValue? WalletToken { get; set; }

    [Id(4)] public SpendLimits Limits { get; set; } = SpendLimits.None;

    [Id(5)] public List<string> BlockedMccs { get; set; } = [];

    [Id(6)] public List<string> Scopes { get; set; } = [];

    [Id(7)] public DateTimeOffset? ExpiresAt { get; set; }

    [Id(8)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Grows with every change of status or limits; the account keeps the newest revision it was told.</summary>
    [Id(9)] public long Revision { get; set; }

    [Id(10)] public List<LifecycleAnswer> Answers { get; set; } = [];

    [Id(11)] public long AnswersDropped { get; set; }
}
