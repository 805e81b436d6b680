using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// The credit account's side of a binding, keyed by account id: compares a claimed holder with the record (keyed
/// hashes, constant time) and tells the account's status and credit score. It never says which element differs.
/// </summary>
public interface IHolderVerificationGrain : IGrainWithStringKey
{
    Task<HolderCheck> CheckHolder(Holder candidate);
}

[GenerateSerializer, Immutable, Alias("bts.HolderCheck")]
public sealed record HolderCheck(
    [property: Id(0)] bool Opened,
    [property: Id(1)] bool HolderMatches,
    [property: Id(2)] AccountStatus Status,
    [property: Id(3)] int CreditScore);
