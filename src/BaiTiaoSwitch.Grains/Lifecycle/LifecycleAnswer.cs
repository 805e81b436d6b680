using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Lifecycle;

/// <summary>
/// The answer a card or grant gave to one keyed lifecycle request (freeze, suspend, revoke, limits, …). It is kept in
/// the object's own state and written in the same write as the change it answers, so "the change is stored" and "its
/// answer is stored" are one fact. <see cref="Status"/> is the status enum's value as answered.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.LifecycleAnswer")]
public sealed record LifecycleAnswer(
    [property: Id(0)] string Scope,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] int Status,
    [property: Id(3)] SpendLimits Limits,
    [property: Id(4)] string? RefusalCode,
    [property: Id(5)] string? RefusalMessage,
    [property: Id(6)] DateTimeOffset At)
{
    public bool IsRefusal => RefusalCode is not null;

    public OperationRejectedException ToRefusal() => new(RefusalCode!, RefusalMessage ?? RefusalCode!);

    /// <summary>The scope of a key: its channel's namespace (API.md: keys are scoped per channel).</summary>
    public static string ScopeOf(string channel, string key) => channel + "\u001f" + key;

    /// <summary>What a request was: its kind and its parameters, formatted invariantly, hashed.</summary>
    public static string FingerprintOf(string kind, params object?[] parts)
    {
        var text = kind + "\u001f" + string.Join('\u001f', parts.Select(part => Convert.ToString(part, CultureInfo.InvariantCulture) ?? "-"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    public static string FingerprintOf(string kind, SpendLimits limits) =>
        FingerprintOf(kind, limits.PerTransactionMax, limits.DailyAmountMax, limits.DailyCountMax, limits.MonthlyAmountMax, limits.MonthlyCountMax);
}
