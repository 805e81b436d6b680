using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Cards;

/// <summary>
/// Draws a card's number until one is unique. The card-number index (<see cref="ICardNumberIndexGrain"/>) is the
/// arbiter: a number is this card's once its index entry is registered to this card, and the card stores a number only
/// after that, so two cards can never both store one number, even when they draw it at the same moment. A number
/// already taken is drawn again. An entry left by an attempt that failed before its card was stored names a number
/// nobody was shown, whose card does not hold it (<c>HasNumber</c> is false), so it finds nothing.
/// </summary>
public static class CardNumberDraws
{
    /// <summary>
    /// Draws before giving up with a retryable error. A collision needs the BIN's 10^7 numbers to be mostly issued;
    /// 64 in a row means the BIN is exhausted, which a retry will not cure.
    /// </summary>
    public const int DrawsMax = 64;

    public static async Task<(string Number, string Hash)> Draw(IGrainFactory grains, FieldProtector protector, ICardNumberSource source, string bin, string cardId)
    {
        for (var draw = 0; draw < DrawsMax; draw++)
        {
            var number = source.Next(bin);
            var hash = protector.LookupHash(number, Purposes.CardNumber);
            if (await grains.GetGrain<ICardNumberIndexGrain>(hash).Register(cardId))
            {
                return (number, hash);
            }
        }

        throw new OutcomeUnknownException($"No free card number was found in {DrawsMax} draws under the configured BIN; nothing was issued. Retry with the same idempotency key, or configure another BIN.");
    }
}
