using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Credit;

[GenerateSerializer, Alias("bts.CreditArchive")]
public sealed class CreditArchive
{
    [Id(0)] public Dictionary<string, Statement> Statements { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public InstallmentPlan? Plan { get; set; }
}

/// <summary>A segment of the credit archive, in blob storage (<see cref="StorageNames.Snapshots"/>).</summary>
public sealed class CreditArchiveGrain(
    [PersistentState("credit-archive", StorageNames.Snapshots)] IPersistentState<CreditArchive> segment) : Grain, ICreditArchiveGrain
{
    public async Task PutStatements(IReadOnlyList<Statement> statements)
    {
        foreach (var statement in statements)
        {
            segment.State.Statements[statement.StatementId] = statement;
        }

        await segment.WriteStateAsync();
    }

    public async Task PutPlan(InstallmentPlan plan)
    {
        segment.State.Plan = plan;
        await segment.WriteStateAsync();
    }

    public Task<IReadOnlyList<Statement>> Statements() =>
        Task.FromResult<IReadOnlyList<Statement>>([.. segment.State.Statements.Values.OrderByDescending(statement => statement.PeriodEnd)]);

    public Task<InstallmentPlan?> Plan() => Task.FromResult(segment.State.Plan);
}
