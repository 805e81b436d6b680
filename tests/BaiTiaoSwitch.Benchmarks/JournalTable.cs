using Azure.Data.Tables;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Reads the account journal table straight from Azurite. Orleans' table storage keys an entity by
/// <c>{ServiceId}_{GrainId}</c> with '/' replaced by '_', and the journal's grain id is
/// <c>btsjournal/{accountId}.{version:D12}</c>: one entity per durable batch. Entries below a snapshot are deleted, so
/// the table shows what is stored now, not how many batches were written (<see cref="TimedGrainStorage"/> counts those).
/// </summary>
public sealed class JournalTable(string connectionString, string tableName)
{
    private readonly TableServiceClient service = new(connectionString);

    /// <summary>The rows of one line (or of every line whose id starts so), in the commit log's layout: partition <c>{serviceId}~{shard}</c>, row <c>{accountId}~{version}</c>.</summary>
    public static (string Service, string Lines) AccountPrefix(string serviceId, string accountId) => (serviceId, accountId + "~");

    public static (string Service, string Lines) ServicePrefix(string serviceId) => (serviceId, "");

    /// <summary>Average stored size (bytes of serialized state) of up to <paramref name="sample"/> of the entities still stored under <paramref name="prefix"/>.</summary>
    public async Task<(int Entities, double AverageBytes, long MaxBytes)> SampleSizes((string Service, string Lines) prefix, int sample)
    {
        var filter = Range(prefix);
        var sizes = new List<long>(sample);
        await foreach (var entity in ShardTables().SelectMany(table => table.QueryAsync<TableEntity>(filter, maxPerPage: sample)))
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

    /// <summary>The commit log's tables, one per shard (<c>{tableName}{shard}</c>).</summary>
    private async IAsyncEnumerable<TableClient> ShardTables()
    {
        await foreach (var table in service.QueryAsync(maxPerPage: 1000))
        {
            if (table.Name.StartsWith(tableName, StringComparison.Ordinal) && table.Name.Length > tableName.Length && char.IsAsciiDigit(table.Name[tableName.Length]))
            {
                yield return service.GetTableClient(table.Name);
            }
        }
    }

    private static string Range((string Service, string Lines) prefix) =>
        $"PartitionKey ge '{prefix.Service}~' and PartitionKey lt '{prefix.Service}~~' and RowKey ge '{prefix.Lines}' and RowKey lt '{prefix.Lines}~~' and RowKey ne ''";
}
