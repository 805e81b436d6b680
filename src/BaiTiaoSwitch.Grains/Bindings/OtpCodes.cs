using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Bindings;

/// <summary>One-time codes: six random digits, kept only as a keyed hash bound to their grant.</summary>
public static class OtpCodes
{
    private const string Malformed = "------";
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    public static string New() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// The keyed hash of a code, bound to its grant so a code hash is worth nothing elsewhere. Anything that is not six
    /// digits hashes as one fixed value no code has, at the same cost.
    /// </summary>
    public static string Hash(FieldProtector protector, string grantId, string? code)
    {
        var wellFormed = code is { Length: 6 } && !code.AsSpan().ContainsAnyExcept(Digits);
        return protector.LookupHash(grantId + "\u001f" + (wellFormed ? code : Malformed), "binding-otp");
    }
}
