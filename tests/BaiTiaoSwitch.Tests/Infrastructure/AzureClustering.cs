using Azure.Data.Tables;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// Membership in an Azure table (on Azurite), as production has it, instead of the test cluster's in-memory table
/// on its primary silo: with it any silo may be killed, including the first one, and the rest carry on.
/// </summary>
public sealed class AzureClusteringSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        silo.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(Azurite.ConnectionString));
        silo.Configure<Orleans.Configuration.SiloMessagingOptions>(messaging => messaging.ResponseTimeout = AzureClusteringClient.CallDeadline);
    }
}

public sealed class AzureClusteringClient : IClientBuilderConfigurator
{
    /// <summary>
    /// A call to a killed silo hangs until its deadline, and the tests that kill one wait for that call to fail: a few
    /// seconds here instead of the loaded machine's 20 s (their retries resolve a call that timed out anyway).
    /// </summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(6);

    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client)
    {
        client.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(Azurite.ConnectionString));
        client.Configure<Orleans.Configuration.ClientMessagingOptions>(messaging => messaging.ResponseTimeout = CallDeadline);
    }
}
