using System.Text;
using Azure;
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

        // Every table the switch writes (entities, the shared commit log, request keys, reminders, ...), whichever
        // cluster wrote the row: the scenario's card number and identity are its own, so no row may hold them.
        await foreach (var table in tables.QueryAsync(item => true))
        {
            if (!table.Name.StartsWith("bts", StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var entity in EntitiesOf(tables.GetTableClient(table.Name)))
            {
                if (entity.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal) || entity.RowKey.Contains(serviceId, StringComparison.Ordinal))
                {
                    scanned++;
                }

                var stored = entity.PartitionKey + entity.RowKey + string.Concat(((IDictionary<string, object>)entity).Values.Select(value => value is byte[] bytes ? Encoding.Latin1.GetString(bytes) : value?.ToString()));
                Assert.DoesNotContain(scenario.CardNumber, stored);
                Assert.DoesNotContain("110101199003077777", stored);
                Assert.DoesNotContain("13800138000", stored);
            }
        }

        Assert.True(scanned >= 5, $"expected the card, grant, indexes and journal entries of this cluster in storage, found {scanned}");
    }

    /// <summary>
    /// The rows of one table; a table that another test's cluster deleted after it was listed holds nothing to leak
    /// (test classes share one Azurite and run in parallel).
    /// </summary>
    private static async IAsyncEnumerable<TableEntity> EntitiesOf(TableClient table)
    {
        var rows = table.QueryAsync<TableEntity>().GetAsyncEnumerator();
        try
        {
            while (true)
            {
                try
                {
                    if (!await rows.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException failure) when (failure.Status == 404)
                {
                    yield break;
                }

                yield return rows.Current;
            }
        }
        finally
        {
            await rows.DisposeAsync();
        }
    }
}
