using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Accounts;

[GenerateSerializer, Alias("bts.ArchiveSegment")]
public sealed class ArchiveSegment
{
    [Id(0)] public Dictionary<string, AuthorizationRecord> Records { get; set; } = new(StringComparer.Ordinal);
}

public sealed class AuthorizationArchiveGrain(
    [PersistentState("archive", StorageNames.Snapshots)] IPersistentState<ArchiveSegment> segment) : Grain, IAuthorizationArchiveGrain
{
    public async Task Put(IReadOnlyList<AuthorizationRecord> records)
    {
        foreach (var record in records)
        {
            segment.State.Records[record.AuthorizationId] = record;
        }

        await segment.WriteStateAsync();
    }

    public Task<AuthorizationRecord?> Find(string authorizationId) => Task.FromResult(segment.State.Records.GetValueOrDefault(authorizationId));
}
