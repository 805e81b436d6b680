using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Silo.Tls;

/// <summary>Refuses to start without a certificate outside Development, and names every bad TLS setting (never the password).</summary>
public sealed class SiloTlsOptionsValidator(IHostEnvironment environment) : IValidateOptions<SiloTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloTlsOptions options)
    {
        var failures = new List<string>();
        if (!options.HasCertificate && !environment.IsDevelopment())
        {
            failures.Add("Tls:CertificatePath (with Tls:CertificatePassword) or Tls:CertificateSubject is required outside the Development environment: silos and clients talk over TLS.");
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !string.IsNullOrWhiteSpace(options.CertificateSubject))
        {
            failures.Add("Tls:CertificatePath and Tls:CertificateSubject are both set; give the certificate one way only.");
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !File.Exists(options.CertificatePath))
        {
            failures.Add($"Tls:CertificatePath names a file that does not exist: {options.CertificatePath}.");
        }

        if (!Enum.TryParse<StoreName>(options.CertificateStoreName, ignoreCase: true, out _))
        {
            failures.Add($"Tls:CertificateStoreName must be one of: {string.Join(", ", Enum.GetNames<StoreName>())}.");
        }

        if (!Enum.TryParse<StoreLocation>(options.CertificateStoreLocation, ignoreCase: true, out _))
        {
            failures.Add("Tls:CertificateStoreLocation must be CurrentUser or LocalMachine.");
        }

        if (string.IsNullOrWhiteSpace(options.TargetHost))
        {
            failures.Add("Tls:TargetHost must be the name in the cluster's certificate.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
