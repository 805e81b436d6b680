using Azure.Data.Tables;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// Membership in an Azure table (on Azurite), as production has it, instead of the test cluster's in-memory table
/// on its primary silo: with it any silo may be killed, including the first one, and the rest carry on.
/// </summary>
public sealed class AzureClusteringSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo) =>
        silo.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(Azurite.ConnectionString));
}

public sealed class AzureClusteringClient : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
        client.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(Azurite.ConnectionString));
}
