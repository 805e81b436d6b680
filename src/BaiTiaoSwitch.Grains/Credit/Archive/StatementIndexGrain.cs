using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Credit;

[GenerateSerializer, Alias("bts.StatementIndexEntry")]
public sealed class StatementIndexEntry
{
    [Id(0)] public string? AccountId { get; set; }
}

/// <summary>The account of a hashed statement id (<see cref="CreditIds"/>), written before the statement is stored.</summary>
public sealed class StatementIndexGrain(
    [PersistentState("statement-index", StorageNames.Entities)] IPersistentState<StatementIndexEntry> entry) : Grain, IStatementIndexGrain
{
    public Task<string> AccountOf() =>
        entry.State.AccountId is { } accountId ? Task.FromResult(accountId) : throw new NotFoundException("No such statement.");

    public async Task Record(string accountId)
    {
        if (entry.State.AccountId == accountId)
        {
            return;
        }

        if (entry.State.AccountId is not null)
        {
            throw new InvalidOperationException("A statement id names one account only.");
        }

        await entry.Commit(new StatementIndexEntry { AccountId = accountId }, this);
    }
}
