using System.Security.Cryptography;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Grants;

/// <summary>
/// Wallet tokens: <c>wt_</c> + 32 random base62 characters, distinct per grant and never the card number. The token
/// index (<see cref="IWalletTokenGrain"/>) is the arbiter of uniqueness: a token is drawn again until its index entry
/// is this grant's, and only then stored. An entry left by an attempt that failed before its grant was stored names a
/// token nobody was ever shown, so it routes nothing.
/// </summary>
public static class WalletTokens
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Draws before giving up: a token is 190 random bits, so a second draw is already a marvel.</summary>
    private const int DrawsMax = 4;

    public static async Task<string> Draw(IGrainFactory grains, FieldProtector protector, string grantId)
    {
        for (var draw = 0; draw < DrawsMax; draw++)
        {
            var token = "wt_" + RandomNumberGenerator.GetString(Alphabet, 32);
            if (await grains.GetGrain<IWalletTokenGrain>(protector.LookupHash(token, Purposes.WalletToken)).Register(grantId))
            {
                return token;
            }
        }

        throw new OutcomeUnknownException("No free wallet token could be drawn. Retry with the same idempotency key.");
    }
}
