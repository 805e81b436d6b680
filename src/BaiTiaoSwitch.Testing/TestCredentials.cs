using System.Security.Cryptography;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Testing;

/// <summary>
/// Fresh random keys for one test cluster: the data-protection keys of its silos and the cluster key of each channel
/// that may call it. Nothing committed, nothing shared between clusters.
/// </summary>
public sealed class TestCredentials
{
    private readonly Dictionary<string, CallerCredential> wallets;

    public TestCredentials(IEnumerable<string> walletChannels, string issuerChannel = "issuer")
    {
        ArgumentNullException.ThrowIfNull(walletChannels);
        Issuer = NewCaller(issuerChannel, ChannelRole.Issuer);
        wallets = walletChannels.Distinct(StringComparer.Ordinal).ToDictionary(channel => channel, channel => NewCaller(channel, ChannelRole.Wallet), StringComparer.Ordinal);
    }

    public string EncryptionKey { get; } = NewKey();

    public string LookupKey { get; } = NewKey();

    /// <summary>The issuer's channel: opens lines, issues cards, reads the sandbox OTP outbox.</summary>
    public CallerCredential Issuer { get; }

    /// <summary>The wallet channels the silos accept.</summary>
    public IReadOnlyCollection<CallerCredential> Wallets => wallets.Values;

    public CallerCredential Wallet(string channel) => wallets.TryGetValue(channel, out var wallet)
        ? wallet
        : throw new ArgumentException($"The test cluster has no wallet channel '{channel}'; name it in SwitchTestClusterOptions.WalletChannels.", nameof(channel));

    public void Apply(DataProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ActiveKeyId = "test-1";
        options.EncryptionKeys["test-1"] = EncryptionKey;
        options.LookupKey = LookupKey;
    }

    public void Apply(CallerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Callers.Add(Issuer);
        options.Callers.AddRange(wallets.Values);
    }

    /// <summary>A credential no silo knows: a fresh random key for <paramref name="channel"/>.</summary>
    public static CallerCredential NewCaller(string channel, ChannelRole role) => new(channel, role, NewKey());

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
