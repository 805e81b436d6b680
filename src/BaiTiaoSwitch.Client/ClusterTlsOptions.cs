namespace BaiTiaoSwitch.Client;

/// <summary>
/// TLS from this client to the silos (Microsoft.Orleans.Connections.Security). The silos are trusted when they present
/// the cluster's certificate (<see cref="CertificatePath"/>, typically mounted from the same secret as theirs), or a
/// certificate for <see cref="TargetHost"/> that this machine's trust store validates.
/// </summary>
public sealed class ClusterTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>The name the silos' certificate is issued to (the TLS server name).</summary>
    public string TargetHost { get; set; } = "baitiao-switch";

    /// <summary>The cluster's certificate (a .pfx or .cer file): a silo presenting exactly this one is trusted.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of a .pfx <see cref="CertificatePath"/>. A secret: never logged.</summary>
    public string? CertificatePassword { get; set; }

    public override string ToString() => $"ClusterTlsOptions({(Enabled ? "on" : "off")}, {TargetHost})";
}
