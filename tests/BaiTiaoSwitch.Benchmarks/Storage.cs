using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace BaiTiaoSwitch.Benchmarks;

public static class Storage
{
    /// <summary>Fails at once, and says what to do, when the storage account (Azurite) does not answer.</summary>
    public static void EnsureReachable(string connectionString)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            new TableServiceClient(connectionString).Query(maxPerPage: 1, cancellationToken: timeout.Token).AsPages().First();
        }
        catch (Exception exception) when (exception is RequestFailedException or OperationCanceledException or AggregateException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                "The benchmark keeps state in Azure Storage and cannot reach it. Start Azurite first, e.g. " +
                "node_modules/.bin/azurite --silent --skipApiVersionCheck --location /tmp/azurite &", exception);
        }
    }

    /// <summary>The table endpoint's port: 10002 for UseDevelopmentStorage=true.</summary>
    public static int TablePort(string connectionString)
    {
        var endpoint = connectionString.Split(';').FirstOrDefault(part => part.StartsWith("TableEndpoint=", StringComparison.OrdinalIgnoreCase));
        return endpoint is null ? 10002 : new Uri(endpoint.Split('=', 2)[1]).Port;
    }

    /// <summary>Deletes every table and container this run made, so Azurite does not grow run after run.</summary>
    public static async Task DeleteRun(string connectionString, string namePrefix)
    {
        try
        {
            var tables = new TableServiceClient(connectionString);
            await foreach (var table in tables.QueryAsync(filter: $"TableName ge '{namePrefix}' and TableName lt '{namePrefix}~'"))
            {
                await tables.DeleteTableAsync(table.Name);
            }

            var blobs = new BlobServiceClient(connectionString);
            await foreach (var container in blobs.GetBlobContainersAsync(prefix: namePrefix))
            {
                await blobs.DeleteBlobContainerAsync(container.Name);
            }
        }
        catch (RequestFailedException exception)
        {
            Console.WriteLine($"note: could not delete this run's storage ({namePrefix}*): {exception.Message}");
        }
    }
}
