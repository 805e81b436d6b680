using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Grants;

/// <summary>
/// The rules of a grant's status, as pure functions: which status it has at a moment, which changes are allowed, and
/// what a request may ask for. <c>pending_verification → active ⇄ suspended</c>; any → <c>revoked</c> (final);
/// active or suspended → <c>expired</c> once <c>expiresAt</c> passes; pending → <c>expired</c> once
/// <c>PendingGrantLifetime</c> passes without a verification.
/// </summary>
public static class GrantLifecycle
{
    public static readonly GrantStatus[] SuspendableFrom = [GrantStatus.Active, GrantStatus.Suspended];

    public static readonly GrantStatus[] ResumableFrom = [GrantStatus.Suspended, GrantStatus.Active];

    public static readonly GrantStatus[] ActivatableFrom = [GrantStatus.PendingVerification, GrantStatus.Active];

    public static readonly GrantStatus[] RevocableFrom =
        [GrantStatus.PendingVerification, GrantStatus.Active, GrantStatus.Suspended, GrantStatus.Expired, GrantStatus.Revoked];

    public static GrantStatus StatusAt(GrantState state, DateTimeOffset now, TimeSpan pendingLifetime) => state.Status switch
    {
        GrantStatus.Active or GrantStatus.Suspended when state.ExpiresAt <= now => GrantStatus.Expired,
        GrantStatus.PendingVerification when state.CreatedAt + pendingLifetime <= now => GrantStatus.Expired,
        var status => status,
    };

    /// <summary>An ended grant can never approve again: it leaves its card's hot list.</summary>
    public static bool IsEnded(GrantStatus status) => status is GrantStatus.Revoked or GrantStatus.Expired;

    /// <summary>Moves a staged copy to <paramref name="target"/>, or refuses with invalid_transition.</summary>
    public static void Move(GrantState staged, GrantStatus current, GrantStatus target, GrantStatus[] from)
    {
        if (!from.Contains(current))
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"A {Wire(current)} grant cannot become {Wire(target)}.");
        }

        if (current != target)
        {
            staged.Status = target;
        }
    }

    public static string Wire(GrantStatus status) => status == GrantStatus.PendingVerification ? "pending_verification" : status.ToString().ToLowerInvariant();

    /// <summary>The request's limits, blocked MCCs and scopes, checked; bad input is refused before anything is claimed.</summary>
    public static (SpendLimits Limits, List<string> BlockedMccs, List<string> Scopes) Validated(GrantRequest request)
    {
        var limits = (request.Limits ?? SpendLimits.None).Validated("limits");
        var blocked = (request.BlockedMccs ?? []).ToList();
        var scopes = (request.Scopes ?? ["payments"]).ToList();
        if (blocked.Count > 64 || blocked.Any(mcc => mcc is not { Length: 4 } || !mcc.All(char.IsAsciiDigit)))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'blockedMccs' must be at most 64 codes of 4 digits.");
        }

        if (scopes.Count > 16 || scopes.Any(scope => !Ids.IsWellFormed(scope)))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'scopes' must be at most 16 ids.");
        }

        return (limits, blocked, scopes);
    }

    /// <summary>What a direct grant request was, for its key's claim: the same key with another request is refused.</summary>
    public static string FingerprintOf(GrantRequest request) => Lifecycle.LifecycleAnswer.FingerprintOf(
        "grant.create",
        request.Channel,
        Lifecycle.LifecycleAnswer.FingerprintOf("limits", request.Limits ?? SpendLimits.None),
        string.Join(',', request.BlockedMccs ?? []),
        string.Join(',', request.Scopes ?? ["payments"]),
        request.ExpiresAt?.UtcTicks);
}
