namespace BaiTiaoSwitch.Client;

/// <summary>How a gateway joins the cluster and who it is. The key is a secret: never logged, never sent.</summary>
public sealed class BaiTiaoSwitchClientOptions
{
    /// <summary>The channel this process acts as (e.g. <c>alipay</c>). A gateway acts as exactly one channel.</summary>
    public string Channel { get; set; } = "";

    public ChannelRole Role { get; set; } = ChannelRole.Wallet;

    /// <summary>
    /// The channel's cluster key: base64 of at least 32 random bytes, the same as the silos' <c>BaiTiaoSwitch:Callers</c>
    /// entry for the channel. Leave both <see cref="Channel"/> and this empty in a host that names its callers with
    /// <c>As(CallerCredential)</c> only.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>TLS to the silos: required outside the Development environment.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>Azure Storage connection string of the cluster's membership table. Defaults to local Azurite.</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The silos' <c>Storage:NamePrefix</c>: their membership table is <c>{prefix}cluster</c>.</summary>
    public string StorageNamePrefix { get; set; } = "bts";

    public string ClusterId { get; set; } = "baitiao-local";

    public string ServiceId { get; set; } = "baitiao-switch";

    /// <summary>How long one call to the cluster may take before it fails. Payments need seconds, not Orleans' 30 s default.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a retryable error (outcome unknown, overloaded, timeout) is retried with the same key.</summary>
    public int RetriesMax { get; set; } = 2;

    public TimeSpan RetryBackoffBase { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The credential of <see cref="Channel"/>, or null when this client has none of its own.</summary>
    public CallerCredential? Credential => Channel.Length == 0 && Key.Length == 0 ? null : new CallerCredential(Channel, Role, Key);
}
