namespace BaiTiaoSwitch.Credit;

/// <summary>
/// Closed statements and finished plans that left an account's credit grain hot state. Statements are kept per
/// (account, cut year): <see cref="StatementsKey"/>; a plan on its own: <see cref="PlanKey"/>. Writes are upserts of
/// records that never change again, so archiving the same record twice lands in the same place.
/// </summary>
public interface ICreditArchiveGrain : IGrainWithStringKey
{
    [ClusterInternal]
    Task PutStatements(IReadOnlyList<Statement> statements);

    [ClusterInternal]
    Task PutPlan(InstallmentPlan plan);

    [ClusterInternal]
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Statement>> Statements();

    [ClusterInternal]
    [Orleans.Concurrency.ReadOnly]
    Task<InstallmentPlan?> Plan();

    public static string StatementsKey(string accountId, int year) => $"{accountId}.st.{year}";

    public static string PlanKey(string accountId, string planId) => $"{accountId}.{planId}";
}
