using Azure.Data.Tables;
using BaiTiaoSwitch.Silo.Tls;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// A test cluster joined as production joins it: membership in an Azure table on Azurite (not the test membership) and
/// TLS on every connection with the run's own <see cref="TestCertificate"/>, which the client pins. Shared with the
/// gateway tests (linked), whose gateway reads the same table.
/// </summary>
public static class TlsMembership
{
    public static ISiloBuilder UseTlsMembership(this ISiloBuilder silo, string membershipTable)
    {
        silo.UseAzureStorageClustering(options =>
        {
            options.TableServiceClient = new TableServiceClient(Azurite.ConnectionString);
            options.TableName = membershipTable;
        });
        return silo.AddBaiTiaoSwitchTls(tls => tls.Configure(options =>
        {
            options.CertificatePath = TestCertificate.Path;
            options.CertificatePassword = TestCertificate.Password;
            options.TargetHost = TestCertificate.TargetHost;
        }));
    }

    public static IClientBuilder UseTlsMembership(this IClientBuilder client, string membershipTable)
    {
        client.UseAzureStorageClustering(options =>
        {
            options.TableServiceClient = new TableServiceClient(Azurite.ConnectionString);
            options.TableName = membershipTable;
        });
        var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(TestCertificate.Path, TestCertificate.Password);
        return client.UseTls(tls =>
        {
            tls.RemoteCertificateValidation = (presented, _, _) => presented.Thumbprint == certificate.Thumbprint;
            tls.OnAuthenticateAsClient = (_, authentication) => authentication.TargetHost = TestCertificate.TargetHost;
        });
    }
}
