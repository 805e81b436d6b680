using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Cards;

/// <summary>A virtual card (分卡) as anyone but the card holder may see it: only the last 4 digits.</summary>
[GenerateSerializer, Immutable, Alias("bts.Card")]
public sealed record Card(
    [property: Id(0)] string CardId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Last4,
    [property: Id(3)] string Expiry,
    [property: Id(4)] CardStatus Status,
    [property: Id(5)] SpendLimits Limits,
    [property: Id(6)] DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The idempotency key the SDK sent with the request that answered this (it generates one when the caller gave
    /// none), so that the caller can retry with it. Filled in by the SDK; never serialized (no [Id]).
    /// </summary>
    [field: NonSerialized]
    public string? IdempotencyKey { get; init; }
}

/// <summary>The answer to issuing a card: the only time the full card number leaves the switch.</summary>
[GenerateSerializer, Immutable, Alias("bts.IssuedCard")]
public sealed record IssuedCard(
    [property: Id(0)] Card Card,
    [property: Id(1)] string CardNumber)
{
    /// <summary>
    /// The idempotency key the SDK sent with the request that answered this (it generates one when the caller gave
    /// none), so that the caller can retry with it. Filled in by the SDK; never serialized (no [Id]).
    /// </summary>
    [field: NonSerialized]
    public string? IdempotencyKey { get; init; }

    public override string ToString() => $"IssuedCard({Card.CardId}, ****{Card.Last4})";
}
