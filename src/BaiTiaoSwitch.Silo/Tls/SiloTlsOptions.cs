namespace BaiTiaoSwitch.Silo.Tls;

/// <summary>
/// TLS between silos and from clients (configuration section <c>BaiTiaoSwitch:Tls</c>): the cluster's certificate,
/// from a PFX file (<see cref="CertificatePath"/> and <see cref="CertificatePassword"/>) or from the certificate store
/// (<see cref="CertificateStoreName"/>, <see cref="CertificateStoreLocation"/>, <see cref="CertificateSubject"/>).
/// Required outside the Development environment, where the local run may stay plaintext.
/// </summary>
public sealed class SiloTlsOptions
{
    public string? CertificatePath { get; set; }

    /// <summary>A secret: never logged.</summary>
    public string? CertificatePassword { get; set; }

    public string CertificateStoreName { get; set; } = "My";

    public string CertificateStoreLocation { get; set; } = "CurrentUser";

    public string? CertificateSubject { get; set; }

    /// <summary>The name in the cluster's certificate, which a silo expects when it connects to another.</summary>
    public string TargetHost { get; set; } = "baitiao-switch";

    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateSubject);

    public override string ToString() => $"SiloTlsOptions({(HasCertificate ? "certificate configured" : "no certificate")}, {TargetHost})";
}
