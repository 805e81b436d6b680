using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Callers;

/// <summary>
/// Verifies caller tokens against the configured key and role of their channel. A token verified once is remembered
/// until it expires, so a call that hops through several grains costs one HMAC, not one per hop.
/// Token time is real time (<see cref="TimeProvider.System"/>), never the switch's clock, which tests move.
/// </summary>
public sealed class CallerTokenVerifier
{
    /// <summary>Tokens remembered at once. A client renews its token every few minutes, so this covers many clients; beyond it the memory starts over.</summary>
    public const int VerifiedTokensMax = 4096;

    private readonly Lazy<FrozenDictionary<string, (ChannelRole Role, byte[] Key)>> channels;
    private readonly ConcurrentDictionary<string, CallerToken> verified = new(StringComparer.Ordinal);

    public CallerTokenVerifier(IOptions<CallerOptions> options)
    {
        // Read on first use, not when Orleans builds its filters, so that the start-up validation reports bad callers
        // together with every other bad setting.
        channels = new Lazy<FrozenDictionary<string, (ChannelRole Role, byte[] Key)>>(() => options.Value.Callers.ToFrozenDictionary(
            caller => caller.Channel,
            caller => (caller.Role, KeyMaterial.Decode(caller.Key, $"Callers:{caller.Channel}:Key")),
            StringComparer.Ordinal));
    }

    /// <summary>The proven caller, or null when the token is missing, malformed, forged, of the wrong role or expired.</summary>
    public Caller? Verify(string? tokenText)
    {
        if (tokenText is null)
        {
            return null;
        }

        var now = TimeProvider.System.GetUtcNow();
        if (verified.TryGetValue(tokenText, out var known))
        {
            return known.IsCurrentAt(now) ? known.Caller : null;
        }

        if (!CallerToken.TryParse(tokenText, out var token)
            || !channels.Value.TryGetValue(token.Channel, out var configured)
            || configured.Role != token.Role
            || !token.IsCurrentAt(now)
            || !token.IsSignedWith(configured.Key))
        {
            return null;
        }

        if (verified.Count >= VerifiedTokensMax)
        {
            verified.Clear();
        }

        verified[tokenText] = token;
        return token.Caller;
    }
}
