using System.Diagnostics;
using Azure.Data.Tables;

namespace BaiTiaoSwitch.Benchmarks;

public sealed record RawInsertResult(string Name, int Parallelism, int PayloadBytes, long Inserts, double Seconds, double[] SortedLatenciesMs, ResourceUse Resources)
{
    public double PerSecond => Inserts / Seconds;

    public double Percentile(double fraction) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(fraction * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];

    public string Headline() =>
        $"{PerSecond,9:N0} inserts/s  p50 {Percentile(0.5),6:0.00} ms  p99 {Percentile(0.99),6:0.00} ms   ({Inserts:N0} in {Seconds:0.0} s, {Parallelism} in flight, {PayloadBytes:N0} B payload)";
}

/// <summary>
/// Azurite's own insert rate with Azure.Data.Tables and nothing else in between: the ceiling for any design that
/// writes once per request, and so for a workload spread over many cold lines. Each insert is a new partition, as a
/// journal entry is.
/// </summary>
public static class RawTableInserts
{
    public static async Task<RawInsertResult> Run(string connectionString, string tableName, string name, int parallelism, int payloadBytes, TimeSpan duration, ProcessCpu? azurite)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var prefix = name.Replace(' ', '-') + "-" + Guid.NewGuid().ToString("N")[..6];

        // A short warm-up so connection set-up is not measured.
        for (var i = 0; i < 20; i++)
        {
            await table.AddEntityAsync(Entity(prefix + "-warm", i, payload));
        }

        var meter = ResourceMeter.Start(azurite);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, parallelism).Select(loop => Task.Run(async () =>
        {
            var latencies = new List<long>(4096);
            for (var i = 0; Stopwatch.GetTimestamp() < end; i++)
            {
                var sent = Stopwatch.GetTimestamp();
                await table.AddEntityAsync(Entity($"{prefix}-{loop}", i, payload));
                latencies.Add(Stopwatch.GetTimestamp() - sent);
            }

            return latencies;
        })).ToArray();
        var all = await Task.WhenAll(loops);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var resources = meter.Stop();
        var sorted = all.SelectMany(latencies => latencies).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(sorted);
        return new RawInsertResult(name, parallelism, payloadBytes, sorted.Length, seconds, sorted, resources);
    }

    private static TableEntity Entity(string prefix, int sequence, byte[] payload) =>
        new($"{prefix}.{sequence:D12}", "journal") { ["Data"] = payload };
}
