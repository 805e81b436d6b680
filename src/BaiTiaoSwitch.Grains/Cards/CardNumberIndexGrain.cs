using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Cards;

[GenerateSerializer, Alias("bts.IndexEntry")]
public sealed class IndexEntry
{
    [Id(0)] public string? TargetId { get; set; }
}

/// <summary>Keyed-hash → card id. The first card to register a number keeps it.</summary>
public sealed class CardNumberIndexGrain(
    [PersistentState("card-index", StorageNames.Entities)] IPersistentState<IndexEntry> entry) : Grain, ICardNumberIndexGrain
{
    public async Task Register(string cardId)
    {
        if (entry.State.TargetId == cardId)
        {
            return;
        }

        if (entry.State.TargetId is not null)
        {
            throw new InvalidOperationException("This card number is already registered to another card.");
        }

        entry.State.TargetId = cardId;
        await entry.WriteStateAsync();
    }

    public Task<string?> Find() => Task.FromResult(entry.State.TargetId);
}
