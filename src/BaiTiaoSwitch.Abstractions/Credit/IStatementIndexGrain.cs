namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The account of one hashed statement id (<see cref="CreditIds.Statement"/> for account ids too long to embed), keyed
/// by that statement id. The credit grain records it before the statement is stored, so every id ever answered resolves.
/// </summary>
public interface IStatementIndexGrain : IGrainWithStringKey
{
    /// <summary>The statement's account; <c>not_found</c> when no statement has this id.</summary>
    [IssuerOnly]
    Task<string> AccountOf();

    /// <summary>Records the statement's account (the same account again is a no-op).</summary>
    [ClusterInternal]
    Task Record(string accountId);
}
