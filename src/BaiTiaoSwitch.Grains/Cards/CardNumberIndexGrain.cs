using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Cards;

/// <summary>Keyed hash of a card number → card id.</summary>
public sealed class CardNumberIndexGrain(ILogger<CardNumberIndexGrain> logger) : IndexGrain("card-index", logger), ICardNumberIndexGrain;
