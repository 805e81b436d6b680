using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Security;

/// <summary>Guarantee 8 at rest: card numbers and identity numbers never reach storage in the clear, in a table row or a blob.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DataAtRestTests(ClusterFixture fixture)
{
    private const string IdentityNumber = "110101199003077777";
    private const string Phone = "13800138000";

    [Fact]
    public async Task Neither_the_card_number_nor_the_holders_identity_appears_in_any_stored_entity()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        await scenario.Pay("alipay", 100);
        var serviceId = fixture.Cluster.Options.ServiceId;
        var tables = new TableServiceClient(Azurite.ConnectionString);
        var scanned = 0;
        var records = new List<string>();
        string[] ownIds = [scenario.AccountId, scenario.CardId, .. scenario.Grants.Values.Select(grant => grant.GrantId)];

        // Every table the switch writes (the shared commit log, request keys, reminders, ...), whichever cluster wrote
        // the row: the scenario's card number and identity are its own, so no row may hold them.
        await foreach (var table in tables.QueryAsync(item => true))
        {
            if (!table.Name.StartsWith("bts", StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var entity in Tolerating404(tables.GetTableClient(table.Name).QueryAsync<TableEntity>()))
            {
                if (entity.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal) || entity.RowKey.Contains(serviceId, StringComparison.Ordinal))
                {
                    scanned++;
                }

                if (ownIds.Any(id => entity.RowKey.Contains(id, StringComparison.Ordinal)))
                {
                    records.Add(table.Name + "/" + entity.RowKey);
                }

                AssertHoldsNothingOf(scenario, entity.PartitionKey + entity.RowKey + string.Concat(((IDictionary<string, object>)entity).Values.Select(value => value is byte[] bytes ? Encoding.Latin1.GetString(bytes) : value?.ToString())));
            }
        }

        Assert.True(scanned >= 2, $"expected the journal entries and request keys of this cluster in the tables, found {scanned}");

        // Every blob the switch writes (snapshots, decision history, the records that are not in the record table).
        var blobs = new BlobServiceClient(Azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: "bts"))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in Tolerating404(client.GetBlobsAsync()))
            {
                if (ownIds.Any(id => blob.Name.Contains(id, StringComparison.Ordinal)))
                {
                    records.Add(container.Name + "/" + blob.Name);
                }

                var content = await Content(client.GetBlobClient(blob.Name));
                AssertHoldsNothingOf(scenario, blob.Name + Encoding.Latin1.GetString(content) + Encoding.UTF8.GetString(content));
            }
        }

        Assert.True(records.Count >= 2, $"expected the records of this scenario's line, card and grant among the rows and blobs, found {string.Join(", ", records)}");
    }

    private static void AssertHoldsNothingOf(Scenario scenario, string stored)
    {
        Assert.DoesNotContain(scenario.CardNumber, stored);
        Assert.DoesNotContain(IdentityNumber, stored);
        Assert.DoesNotContain(Phone, stored);
    }

    /// <summary>A blob that another test's cluster deleted after it was listed holds nothing to leak.</summary>
    private static async Task<byte[]> Content(BlobClient blob)
    {
        try
        {
            return (await blob.DownloadContentAsync()).Value.Content.ToArray();
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            return [];
        }
    }

    /// <summary>
    /// The items of one listing; a table or container that another test's cluster deleted after it was listed holds
    /// nothing to leak (test classes share one Azurite and run in parallel).
    /// </summary>
    private static async IAsyncEnumerable<T> Tolerating404<T>(AsyncPageable<T> listing)
        where T : notnull
    {
        var items = listing.GetAsyncEnumerator();
        try
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException failure) when (failure.Status == 404)
                {
                    yield break;
                }

                yield return items.Current;
            }
        }
        finally
        {
            await items.DisposeAsync();
        }
    }
}
