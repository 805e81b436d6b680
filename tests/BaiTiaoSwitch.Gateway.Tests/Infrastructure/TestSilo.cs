using BaiTiaoSwitch.Tests.Infrastructure;
using Azure.Data.Tables;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.HttpEdge.Hosting;
using BaiTiaoSwitch.Silo.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>
/// A silo of the real switch plus the HTTP edge's grains, on Azurite. Membership is in Azure Table (not the test
/// membership) and every connection is TLS with the run's own cluster certificate, so the gateway joins exactly as it
/// does in production. Time is the shared fake clock.
/// </summary>
public sealed class GatewaySiloConfigurator : ISiloConfigurator
{
    public const int MinimumCreditScore = 600;

    /// <summary>
    /// The fee of a 3-period plan in these tests: 3% a period, an APR of about 53%, above the default 24% cap, so that
    /// <c>422 apr_above_cap</c> is reachable over HTTP; 6, 12 and 24 periods keep the default 0.5%.
    /// </summary>
    public static readonly BaiTiaoSwitch.Credit.Rate ThreePeriodFeeRate = BaiTiaoSwitch.Credit.Rate.Percent(3m);

    /// <summary>The table the silo host uses by default ("{Storage:NamePrefix}cluster"), which the gateway reads.</summary>
    public const string MembershipTable = "btscluster";

    public void Configure(ISiloBuilder silo)
    {
        silo.Services.UseFakeClockForTheSwitchOnly();
        silo.Services.AddSingleton<ILoggerProvider>(CapturedLogs.Instance);
        silo.Services.AddLogging(logging => logging.AddFilter("BaiTiaoSwitch", LogLevel.Debug));
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(15));
        silo.UseAzureStorageClustering(options =>
        {
            options.TableServiceClient = new TableServiceClient(Azurite.ConnectionString);
            options.TableName = MembershipTable;
        });
        silo.AddBaiTiaoSwitchTls(tls => tls.Configure(options =>
        {
            options.CertificatePath = TestCertificate.Path;
            options.CertificatePassword = TestCertificate.Password;
            options.TargetHost = TestCertificate.TargetHost;
        }));
        silo.AddBaiTiaoSwitchAzureStorage(storage => storage.Configure(options => options.ConnectionString = Azurite.ConnectionString));
        silo.AddBaiTiaoSwitch(
            options => options.Configure(switchOptions =>
            {
                switchOptions.MinimumCreditScore = MinimumCreditScore;
                switchOptions.CreditTerms = BaiTiaoSwitch.Credit.CreditTerms.Default with
                {
                    Installments = [.. BaiTiaoSwitch.Credit.CreditTerms.Default.Installments.Select(option => option.Periods == 3 ? option with { FeeRatePerPeriod = ThreePeriodFeeRate } : option)],
                };
            }),
            keys => keys.Configure(TestSecrets.Apply),
            callers => callers.Configure(TestSecrets.Apply));
        silo.AddBaiTiaoSwitchHttpEdge();
        silo.AddBaiTiaoSwitchSandboxOtpOutbox();
    }
}

public sealed class GatewayClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder client)
    {
        client.UseAzureStorageClustering(options =>
        {
            options.TableServiceClient = new TableServiceClient(Azurite.ConnectionString);
            options.TableName = GatewaySiloConfigurator.MembershipTable;
        });
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(15));
        client.AddOutgoingGrainCallFilter<TestHooksCallerFilter>();
        var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(TestCertificate.Path, TestCertificate.Password);
        client.UseTls(tls =>
        {
            tls.RemoteCertificateValidation = (presented, _, _) => presented.Thumbprint == certificate.Thumbprint;
            tls.OnAuthenticateAsClient = (_, authentication) => authentication.TargetHost = TestCertificate.TargetHost;
        });
    }
}
