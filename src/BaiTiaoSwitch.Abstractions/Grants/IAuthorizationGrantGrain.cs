using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Grants;

/// <summary>An authorization grant (授权): one card bound to one wallet channel, keyed by grant id.</summary>
public interface IAuthorizationGrantGrain : IGrainWithStringKey
{
    Task<Grant> Create(GrantRoute route, string last4, GrantRequest request, bool verified);

    /// <summary>Reads the grant. A wallet channel other than the owner gets not_found.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<Grant> Get(Caller caller);

    /// <summary>Where payments go. Read-only and interleaved, so routing never queues behind payments.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<GrantRoute> GetRoute();

    Task<Grant> Activate();

    Task<Grant> Suspend(Caller caller);

    Task<Grant> Resume(Caller caller);

    Task<Grant> Revoke(Caller caller);

    Task<Grant> SetLimits(SpendLimits limits);
}
