using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace BaiTiaoSwitch.Silo.Tls;

/// <summary>
/// The cluster's certificate and the TLS settings built on it. A peer is trusted when it presents this very
/// certificate (every silo mounts the same one), or one for the target host that the machine's trust store validates.
/// </summary>
internal static class ClusterCertificate
{
    public static X509Certificate2 Load(SiloTlsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }

        using var store = new X509Store(Enum.Parse<StoreName>(options.CertificateStoreName, true), Enum.Parse<StoreLocation>(options.CertificateStoreLocation, true));
        store.Open(OpenFlags.ReadOnly);
        return store.Certificates.Find(X509FindType.FindBySubjectName, options.CertificateSubject!, validOnly: false)
            .Where(certificate => certificate.HasPrivateKey)
            .OrderByDescending(certificate => certificate.NotAfter)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No certificate with a private key for subject '{options.CertificateSubject}' in {options.CertificateStoreLocation}/{options.CertificateStoreName}.");
    }

    /// <param name="requirePeerCertificate">
    /// True between silos: a peer that cannot show the certificate is no silo. False on the client port: clients prove
    /// who they are with caller tokens, not certificates. (As a server, Orleans reads the client's requirement from
    /// <see cref="TlsOptions.RemoteCertificateMode"/>.)
    /// </param>
    public static TlsOptions Options(X509Certificate2 certificate, string targetHost, bool requirePeerCertificate) => new()
    {
        LocalCertificate = certificate,
        RemoteCertificateMode = requirePeerCertificate ? RemoteCertificateMode.RequireCertificate : RemoteCertificateMode.AllowCertificate,
        RemoteCertificateValidation = (peer, _, errors) => errors == SslPolicyErrors.None || peer.Thumbprint == certificate.Thumbprint,
        OnAuthenticateAsClient = (_, authentication) => authentication.TargetHost = targetHost,
    };
}
