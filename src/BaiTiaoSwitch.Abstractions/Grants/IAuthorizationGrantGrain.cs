using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Grants;

/// <summary>
/// An authorization grant (授权): one card bound to one wallet channel, keyed by grant id. A wallet channel other
/// than the owner is told the grant does not exist (not_found). Grants are made only by the card: directly by the
/// issuer, or pending by identity-verified binding.
/// </summary>
public interface IAuthorizationGrantGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes the grant, or answers it again when it exists with this route. <paramref name="isNew"/> is true only when
    /// the caller has just claimed the key that names the grant for the first time: the grant then skips reading what it
    /// knows is not stored (its write is create-only, so a wrong guess fails and overwrites nothing).
    /// </summary>
    [ClusterInternal]
    Task<Grant> Create(GrantRoute route, string last4, GrantRequest request, bool verified, bool isNew);

    /// <summary>Reads the grant. A wallet channel other than the owner gets not_found.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<Grant> Get();

    /// <summary>Where payments go. Read-only and interleaved, so routing never queues behind payments.</summary>
    [ClusterInternal]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<GrantRoute> GetRoute();

    /// <summary>The grant's status now, for its card's bookkeeping (retiring ended grants). Read-only and interleaved.</summary>
    [ClusterInternal]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<GrantStatus> GetStatus();

    /// <summary>Makes a verified binding's grant active. Only the binding attempt calls it, on the right code.</summary>
    [ClusterInternal]
    Task<Grant> Activate();

    [IssuerOnly]
    Task<Grant> Suspend(string idempotencyKey);

    [IssuerOnly]
    Task<Grant> Resume(string idempotencyKey);

    /// <summary>Ends the grant (final). The owning wallet or the issuer may revoke it.</summary>
    Task<Grant> Revoke(string idempotencyKey);

    [IssuerOnly]
    Task<Grant> SetLimits(string idempotencyKey, SpendLimits limits);
}
