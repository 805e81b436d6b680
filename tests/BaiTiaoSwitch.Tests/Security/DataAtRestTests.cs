using System.Text;
using Azure.Data.Tables;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Security;

/// <summary>Guarantee 8 at rest: card numbers and identity numbers never reach storage in the clear.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DataAtRestTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Neither_the_card_number_nor_the_holders_identity_appears_in_any_stored_entity()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        await scenario.Pay("alipay", 100);
        var serviceId = fixture.Cluster.Options.ServiceId;
        var tables = new TableServiceClient(Azurite.ConnectionString);
        var scanned = 0;

        foreach (var table in new[] { "btsentities", "btsjournal" })
        {
            await foreach (var entity in tables.GetTableClient(table).QueryAsync<TableEntity>($"PartitionKey ge '{serviceId}' and PartitionKey lt '{serviceId}~'"))
            {
                if (!entity.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal))
                {
                    continue;
                }

                scanned++;
                var stored = string.Concat(((IDictionary<string, object>)entity).Values.Select(value => value is byte[] bytes ? Encoding.Latin1.GetString(bytes) : value?.ToString()));
                Assert.DoesNotContain(scenario.CardNumber, stored);
                Assert.DoesNotContain("110101199003077777", stored);
                Assert.DoesNotContain("13800138000", stored);
            }
        }

        Assert.True(scanned >= 5, $"expected the card, grant, indexes and journal entries of this cluster in storage, found {scanned}");
    }
}
