namespace BaiTiaoSwitch.Callers;

/// <summary>
/// Who the call being served comes from, as <see cref="CallerVerificationFilter"/> proved it. Grain code reads it
/// here and never from a method argument or from <c>RequestContext</c>. It flows with the call (an
/// <see cref="AsyncLocal{T}"/>) and exists on silos only.
/// </summary>
public static class CurrentCaller
{
    private static readonly AsyncLocal<VerifiedCall?> Current = new();

    /// <summary>The verified caller, or null when the call carries no caller (a sweep, a reminder, a silo's own call).</summary>
    public static Caller? Caller => Current.Value?.Caller;

    /// <summary>True when a silo of this cluster made the call (its stamp verified), not a client.</summary>
    public static bool IsInternal => Current.Value?.IsInternal ?? false;

    /// <summary>The verified caller; throws unauthenticated when there is none.</summary>
    public static Caller Require() => Caller ?? throw UnauthenticatedException.NoValidToken();

    /// <summary>
    /// True when the call may see what <paramref name="ownerChannel"/> owns: the issuer sees all, a wallet its own.
    /// A silo's own call that acts for no caller (a sweep, a test using the silo's services) sees all.
    /// </summary>
    public static bool MaySee(string ownerChannel) => Caller is { } caller
        ? caller.IsIssuer || string.Equals(caller.Channel, ownerChannel, StringComparison.Ordinal)
        : IsInternal;

    /// <summary>True when the caller owns what <paramref name="ownerChannel"/> owns (so it may see its secrets, e.g. a wallet token).</summary>
    public static bool Owns(string ownerChannel) => string.Equals(Caller?.Channel, ownerChannel, StringComparison.Ordinal);

    internal static VerifiedCall? Enter(VerifiedCall call)
    {
        var outer = Current.Value;
        Current.Value = call;
        return outer;
    }

    internal static void Leave(VerifiedCall? outer) => Current.Value = outer;
}

/// <summary>What the filter proved about one incoming call.</summary>
internal sealed record VerifiedCall(Caller? Caller, bool IsInternal);
