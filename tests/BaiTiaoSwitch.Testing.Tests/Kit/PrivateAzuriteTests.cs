using Azure.Data.Tables;
using Xunit;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

/// <summary>An Azurite of the run's own (the benchmarks use it): on free ports, serving tables, gone with its folder when disposed.</summary>
public sealed class PrivateAzuriteTests
{
    [Fact]
    public async Task A_private_azurite_on_disk_serves_tables_on_its_own_ports_and_leaves_nothing_behind()
    {
        string? location;
        await using (var azurite = await PrivateAzurite.StartAsync(inMemory: false))
        {
            location = azurite.Location;
            Assert.True(Directory.Exists(location), azurite.Describe());
            Assert.DoesNotContain("127.0.0.1:10002", azurite.ConnectionString, StringComparison.Ordinal);
            Azurite.EnsureRunning(azurite.ConnectionString);

            var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("privatekit");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Fen"] = 1L });
            Assert.Equal(1L, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt64("Fen"));
        }

        Assert.False(Directory.Exists(location));
    }
}
