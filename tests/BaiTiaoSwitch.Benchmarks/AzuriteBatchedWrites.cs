using System.Diagnostics;
using Azure.Data.Tables;

namespace BaiTiaoSwitch.Benchmarks;

public sealed record BatchedWriteResult(int EntitiesPerTransaction, int Parallelism, int PayloadBytes, long Transactions, double Seconds, double[] SortedLatenciesMs, ResourceUse Resources)
{
    public double EntitiesPerSecond => Transactions * EntitiesPerTransaction / Seconds;

    public double Percentile(double fraction) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(fraction * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];

    public string Headline() =>
        $"{EntitiesPerSecond,9:N0} entities/s  ({Transactions / Seconds:N0} transactions/s of {EntitiesPerTransaction}, {Parallelism} in flight, {PayloadBytes:N0} B each)  " +
        $"transaction p50 {Percentile(0.5):0.0} ms  p99 {Percentile(0.99):0.0} ms";
}

/// <summary>
/// Azurite's batched write ceiling: entity-group transactions (one partition, up to 100 entities, all or nothing), the
/// unit a cross-line commit log writes. Nothing but Azure.Data.Tables in between; each loop writes its own partition,
/// so transactions in flight do not contend. This is what a spread workload could reach if every storage request
/// carried a full batch.
/// </summary>
public static class AzuriteBatchedWrites
{
    public static async Task<BatchedWriteResult> Run(string connectionString, string tableName, int entitiesPerTransaction, int parallelism, int payloadBytes, TimeSpan duration, ProcessCpu? azurite)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var prefix = "batch-" + Guid.NewGuid().ToString("N")[..6];

        // One transaction first, so connection set-up is not measured.
        await table.SubmitTransactionAsync(Transaction(prefix + "-warm", 0, entitiesPerTransaction, payload));
        var meter = ResourceMeter.Start(azurite);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, parallelism).Select(loop => Task.Run(async () =>
        {
            var latencies = new List<long>(1024);
            for (var sequence = 0; Stopwatch.GetTimestamp() < end; sequence++)
            {
                var sent = Stopwatch.GetTimestamp();
                await table.SubmitTransactionAsync(Transaction($"{prefix}-{loop}", sequence, entitiesPerTransaction, payload));
                latencies.Add(Stopwatch.GetTimestamp() - sent);
            }

            return latencies;
        })).ToArray();
        var all = await Task.WhenAll(loops);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var resources = meter.Stop();
        var sorted = all.SelectMany(latencies => latencies).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(sorted);
        return new BatchedWriteResult(entitiesPerTransaction, parallelism, payloadBytes, sorted.Length, seconds, sorted, resources);
    }

    private static List<TableTransactionAction> Transaction(string partition, int sequence, int entities, byte[] payload) =>
        Enumerable.Range(0, entities)
            .Select(index => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"{sequence:D10}.{index:D3}") { ["Data"] = payload }))
            .ToList();
}
