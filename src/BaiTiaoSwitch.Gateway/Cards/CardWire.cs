using BaiTiaoSwitch.Cards;

namespace BaiTiaoSwitch.Gateway.Cards;

public sealed record CardResponse(
    string CardId,
    string AccountId,
    string Last4,
    string Expiry,
    string Status,
    string? CardNumber)
{
    public override string ToString() => $"CardResponse({CardId}, ****{Last4})";
}

public static class CardWire
{
    public static CardResponse ToWire(this Card card, string? cardNumber = null) => new(
        card.CardId,
        card.AccountId,
        card.Last4,
        card.Expiry,
        card.Status switch { CardStatus.Active => "active", CardStatus.Frozen => "frozen", _ => "cancelled" },
        cardNumber);
}
