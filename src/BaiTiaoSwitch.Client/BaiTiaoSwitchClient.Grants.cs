using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Client;

// Grants (授权) and identity-verified binding
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>
    /// Issuer: binds the card to <see cref="GrantRequest.Channel"/> directly, already active (no holder verification).
    /// A wallet binds only through <see cref="StartBindingAsync"/> and <see cref="VerifyBindingAsync"/>.
    /// </summary>
    public Task<Grant> CreateGrantAsync(string cardId, GrantRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteGrant(options, key => CardGrain(cardId).CreateGrant(key, request), cancellationToken);

    public Task<IReadOnlyList<Grant>> ListGrantsAsync(string cardId, CancellationToken cancellationToken = default) =>
        calls.Read(async () => (IReadOnlyList<Grant>)[.. (await CardGrain(cardId).ListGrants().ConfigureAwait(false)).Select(routes.Learn)], cancellationToken);

    /// <summary>Reads a grant. A wallet sees only its own grants (another's answers not_found) and their wallet tokens.</summary>
    public Task<Grant> GetGrantAsync(string grantId, CancellationToken cancellationToken = default) =>
        calls.Read(async () => routes.Learn(await GrantGrain(grantId).Get().ConfigureAwait(false)), cancellationToken);

    public Task<Grant> SuspendGrantAsync(string grantId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteGrant(options, key => GrantGrain(grantId).Suspend(key), cancellationToken);

    public Task<Grant> ResumeGrantAsync(string grantId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteGrant(options, key => GrantGrain(grantId).Resume(key), cancellationToken);

    /// <summary>Ends a grant (final). A wallet may revoke its own grants; the issuer any.</summary>
    public Task<Grant> RevokeGrantAsync(string grantId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteGrant(options, key => GrantGrain(grantId).Revoke(key), cancellationToken);

    public Task<Grant> SetGrantLimitsAsync(string grantId, SpendLimits limits, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteGrant(options, key => GrantGrain(grantId).SetLimits(key, limits), cancellationToken);

    /// <summary>Wallet: starts an identity-verified binding; a one-time code goes to the holder's phone on record.</summary>
    public Task<Grant> StartBindingAsync(BindingRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteGrant(options, key => grains.GetGrain<IBindingDeskGrain>(0).Start(key, request), cancellationToken);

    /// <summary>Wallet: completes a binding with the one-time code; the answer carries the wallet token.</summary>
    public Task<Grant> VerifyBindingAsync(string grantId, string otp, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteGrant(options, key => grains.GetGrain<IBindingAttemptGrain>(Ids.Require(grantId, "grantId")).Verify(key, otp), cancellationToken);

    private IAuthorizationGrantGrain GrantGrain(string grantId) => grains.GetGrain<IAuthorizationGrantGrain>(Ids.Require(grantId, "grantId"));

    private Task<Grant> WriteGrant(RequestOptions? options, Func<string, Task<Grant>> call, CancellationToken cancellationToken) =>
        calls.Write(Key(options), call, (grant, key) => routes.Learn(grant) with { IdempotencyKey = key }, cancellationToken);
}
