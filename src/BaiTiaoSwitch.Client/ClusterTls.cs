using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace BaiTiaoSwitch.Client;

/// <summary>Builds Orleans' client TLS settings from <see cref="ClusterTlsOptions"/>.</summary>
internal static class ClusterTls
{
    public static TlsOptions ClientOptions(ClusterTlsOptions settings)
    {
        var pinned = settings.CertificatePath is { Length: > 0 } path ? Load(path, settings.CertificatePassword) : null;
        return new TlsOptions
        {
            RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
            RemoteCertificateValidation = (certificate, _, errors) =>
                errors == SslPolicyErrors.None || (pinned is not null && certificate.Thumbprint == pinned.Thumbprint),
            OnAuthenticateAsClient = (_, authentication) => authentication.TargetHost = settings.TargetHost,
        };
    }

    /// <summary>Problems of the settings, each naming its setting and never the password.</summary>
    public static IEnumerable<string> Problems(ClusterTlsOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.TargetHost))
        {
            yield return "Tls:TargetHost must name the silos' certificate (its DNS name).";
        }

        if (settings.CertificatePath is { Length: > 0 } path && !File.Exists(path))
        {
            yield return $"Tls:CertificatePath names a file that does not exist: {path}.";
        }
    }

    private static X509Certificate2 Load(string path, string? password) =>
        string.IsNullOrEmpty(password) && !path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase)
            ? X509CertificateLoader.LoadCertificateFromFile(path)
            : X509CertificateLoader.LoadPkcs12FromFile(path, password);
}
