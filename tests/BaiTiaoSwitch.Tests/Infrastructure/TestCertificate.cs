using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// A cluster certificate made fresh for the test run (self-signed, for <see cref="TargetHost"/>), written as a PFX
/// with a random password, as a deployment mounts one from a secret. Nothing trusts it but the cluster's own pin.
/// </summary>
public static class TestCertificate
{
    public const string TargetHost = "baitiao-switch";

    public static readonly string Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public static readonly string Path = Write();

    private static string Write()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={TargetHost}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var subjectNames = new SubjectAlternativeNameBuilder();
        subjectNames.AddDnsName(TargetHost);
        request.CertificateExtensions.Add(subjectNames.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bts-test-cluster-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
