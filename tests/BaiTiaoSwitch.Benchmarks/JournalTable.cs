using Azure.Data.Tables;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Reads the account journal table straight from Azurite. Orleans' table storage keys an entity by
/// <c>{ServiceId}_{GrainId}</c> with '/' replaced by '_', and the journal's grain id is
/// <c>btsjournal/{accountId}.{version:D12}</c>: one entity per durable batch, so entities / authorizations = batch size.
/// </summary>
public sealed class JournalTable(string connectionString, string tableName)
{
    private readonly TableClient table = new TableServiceClient(connectionString).GetTableClient(tableName);

    public static string AccountPrefix(string serviceId, string accountId) => $"{serviceId}_btsjournal_{accountId}.";

    public static string ServicePrefix(string serviceId) => $"{serviceId}_btsjournal_";

    /// <summary>How many journal entities have a partition key starting with <paramref name="prefix"/>.</summary>
    public async Task<long> Count(string prefix)
    {
        long count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(Range(prefix), maxPerPage: 1000, select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>Average stored size (bytes of serialized state) of up to <paramref name="sample"/> entities from <paramref name="fromVersion"/> on.</summary>
    public async Task<(int Entities, double AverageBytes, long MaxBytes)> SampleSizes(string accountPrefix, long fromVersion, int sample)
    {
        var filter = $"PartitionKey ge '{accountPrefix}{fromVersion:D12}' and PartitionKey lt '{accountPrefix}~'";
        var sizes = new List<long>(sample);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: sample))
        {
            sizes.Add(((IDictionary<string, object>)entity).Values.Sum(value => value switch
            {
                byte[] bytes => bytes.LongLength,
                BinaryData data => data.ToMemory().Length,
                string text when text.Length > 64 => text.Length,
                _ => 0L,
            }));
            if (sizes.Count >= sample)
            {
                break;
            }
        }

        return sizes.Count == 0 ? (0, 0, 0) : (sizes.Count, sizes.Average(), sizes.Max());
    }

    private static string Range(string prefix) => $"PartitionKey ge '{prefix}' and PartitionKey lt '{prefix}~'";
}
