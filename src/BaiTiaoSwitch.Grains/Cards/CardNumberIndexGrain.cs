using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Cards;

/// <summary>Keyed hash of a card number → card id.</summary>
public sealed class CardNumberIndexGrain(
    [PersistentState("card-index", StorageNames.Entities)] IPersistentState<IndexEntry> entry,
    ILogger<CardNumberIndexGrain> logger) : IndexGrain(entry, logger), ICardNumberIndexGrain;
