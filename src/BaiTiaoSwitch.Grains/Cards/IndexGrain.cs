namespace BaiTiaoSwitch.Cards;

[GenerateSerializer, Alias("bts.IndexEntry")]
public sealed class IndexEntry
{
    [Id(0)] public string? TargetId { get; set; }
}

/// <summary>A keyed-hash → id index entry. The first id to register a key keeps it; registering it again is a no-op.</summary>
public abstract class IndexGrain(IPersistentState<IndexEntry> entry) : Grain
{
    public async Task Register(string targetId)
    {
        if (entry.State.TargetId == targetId)
        {
            return;
        }

        if (entry.State.TargetId is not null)
        {
            throw new InvalidOperationException("This key is already registered to another object.");
        }

        entry.State.TargetId = targetId;
        await entry.WriteStateAsync();
    }

    public Task<string?> Find() => Task.FromResult(entry.State.TargetId);
}
