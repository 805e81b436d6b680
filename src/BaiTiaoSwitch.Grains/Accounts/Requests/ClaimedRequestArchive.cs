using BaiTiaoSwitch.RequestKeys;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Key records that left a line's hot state live on their key's claim in the channel's namespace: one row per request
/// for the whole key retention, which the namespace's sweep ends. The record is kept without its scope (the row's key),
/// compactly when it is an authorization view (<see cref="KeyAnswerForm"/>).
/// </summary>
public sealed class ClaimedRequestArchive(IRequestKeyStore keys, Serializer serializer) : IRequestArchive
{
    public Task Put(string accountId, IReadOnlyList<IdempotencyRecord> records) =>
        keys.StoreAnswers([.. records.Select(record =>
        {
            var (channel, key) = Split(record.Scope);
            return new KeyAnswer(channel, key, Owner(accountId), record.CreatedAt, KeyAnswerForm.Write(record, serializer), Claimed: record.Kind != OperationKind.Tombstone);
        })]);

    public async Task<IdempotencyRecord?> Find(string accountId, string scope)
    {
        var (channel, key) = Split(scope);
        return await keys.FindAnswer(channel, key, Owner(accountId)) is { } answer ? KeyAnswerForm.Read(answer, scope, serializer) : null;
    }

    /// <summary>Nothing to do: the namespace's sweep deletes a claim, and its answer with it, after the key retention.</summary>
    public Task<int> Sweep(string accountId, DateTimeOffset cutoff, int countMax) => Task.FromResult(0);

    private static string Owner(string accountId) => MoneyPipeline.OwnerOf(accountId);

    private static (string Channel, string Key) Split(string scope)
    {
        var separator = scope.IndexOf('\u001f', StringComparison.Ordinal);
        return (scope[..separator], scope[(separator + 1)..]);
    }
}
