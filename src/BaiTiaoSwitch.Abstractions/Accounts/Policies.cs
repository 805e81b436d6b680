using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Accounts;

/// <summary>The account's copy of a card's status and limits. Written before the card acknowledges a change.</summary>
[GenerateSerializer, Immutable, Alias("bts.CardPolicy")]
public sealed record CardPolicy(
    [property: Id(0)] string CardId,
    [property: Id(1)] CardStatus Status,
    [property: Id(2)] SpendLimits Limits,
    [property: Id(3)] long Revision);

/// <summary>The account's copy of a grant's status and limits. Written before the grant acknowledges a change.</summary>
[GenerateSerializer, Immutable, Alias("bts.GrantPolicy")]
public sealed record GrantPolicy(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string CardId,
    [property: Id(2)] string Channel,
    [property: Id(3)] GrantStatus Status,
    [property: Id(4)] SpendLimits Limits,
    [property: Id(5)] IReadOnlyList<string> BlockedMccs,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] long Revision);
