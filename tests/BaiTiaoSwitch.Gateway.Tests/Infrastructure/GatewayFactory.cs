using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>The real gateway (its Program), joining the test cluster through Azure Table membership.</summary>
public sealed class GatewayFactory(string serviceId, string clusterId, string mode, IReadOnlyDictionary<string, string>? clusterKeys = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Gateway:Mode", mode);
        var i = 0;
        foreach (var (id, (role, secret)) in TestSecrets.Channels)
        {
            builder.UseSetting($"Gateway:Channels:{i}:Id", id);
            builder.UseSetting($"Gateway:Channels:{i}:Role", role.ToString());
            builder.UseSetting($"Gateway:Channels:{i}:Secret", secret);
            builder.UseSetting($"Gateway:Channels:{i}:ClusterKey", (clusterKeys ?? TestSecrets.ClusterKeys)[id]);
            i++;
        }

        builder.UseSetting("Operator:Credential", TestSecrets.OperatorCredential);
        builder.UseSetting("Cluster:ServiceId", serviceId);
        builder.UseSetting("Cluster:ClusterId", clusterId);
        builder.UseSetting("Cluster:StorageConnectionString", Azurite.ConnectionString);
        builder.UseSetting("Cluster:Tls:Enabled", "true");
        builder.UseSetting("Cluster:Tls:TargetHost", TestCertificate.TargetHost);
        builder.UseSetting("Cluster:Tls:CertificatePath", TestCertificate.Path);
        builder.UseSetting("Cluster:Tls:CertificatePassword", TestCertificate.Password);

        // The test machine has 2 cores shared with other test projects: deadlines of seconds, not the production 5.
        builder.UseSetting("Cluster:ResponseTimeout", "00:00:15");
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(CapturedLogs.Instance);
            logging.AddFilter("BaiTiaoSwitch", LogLevel.Debug);
        });
        builder.ConfigureTestServices(services => services.UseFakeClockForTheSwitchOnly());
    }
}
