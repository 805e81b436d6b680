namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>How the SDK driver joins the cluster. ClusterId and ServiceId must match the silos'.</summary>
public sealed record SdkDriverSettings(
    string StorageConnectionString,
    string ClusterId,
    string ServiceId,
    string StorageNamePrefix,
    string IssuerChannel,
    TimeSpan ConnectTimeout,
    bool Verbose)
{
    /// <summary>The membership table the silos write: <c>{Storage:NamePrefix}cluster</c>.</summary>
    public string MembershipTableName => StorageNamePrefix + "cluster";

    /// <summary>Where the membership table is, without any account key the connection string may hold.</summary>
    public string StorageDescription =>
        StorageConnectionString.Trim().Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
            ? "local Azurite (UseDevelopmentStorage=true)"
            : "the configured Azure Storage account";

    public override string ToString() => $"SdkDriverSettings({ClusterId}, {ServiceId})";
}
