using System.Globalization;
using System.Text.RegularExpressions;

namespace BaiTiaoSwitch.Benchmarks.Postgres;

/// <summary>One pgbench run: its transactions per second and the latency of each transaction, from pgbench's own log.</summary>
public sealed record PgbenchResult(string Name, int Clients, double Seconds, double Tps, long Transactions, long Failed, double[] SortedLatenciesMs, ResourceUse Resources, string? Error)
{
    public double Percentile(double fraction) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(fraction * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];

    public string Headline() =>
        Error is not null
            ? $"FAILED: {Error}"
            : $"{Tps,9:N0} TPS      p50 {Percentile(0.50),7:0.00} ms   p99 {Percentile(0.99),7:0.00} ms   p999 {Percentile(0.999),7:0.00} ms   max {(SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[^1]),7:0.0} ms";

    public string Counts() => $"{Transactions:N0} transactions in {Seconds:0} s, {Failed:N0} failed, {Clients} clients";
}

/// <summary>
/// Runs a custom pgbench script against the private instance, closed loop like the switch's callers: each client sends
/// its next transaction when the last one committed. Prepared statements, one warm-up run first (not counted).
/// </summary>
public static partial class Pgbench
{
    public static async Task<PgbenchResult> Run(PrivatePostgres postgres, string name, string script, int clients, TimeSpan warmup, TimeSpan measure, IReadOnlyDictionary<string, string> variables)
    {
        var seconds = (int)Math.Max(1, Math.Round(measure.TotalSeconds));
        if (warmup > TimeSpan.Zero)
        {
            await ExternalCommand.Run(postgres.Binaries.Pgbench, Arguments(postgres, script, clients, (int)Math.Max(1, Math.Round(warmup.TotalSeconds)), variables, logPrefix: null), Bound(warmup));
        }

        // Inside the instance's folder, so that an interrupted run leaves no logs behind either.
        var logs = Directory.CreateDirectory(Path.Combine(postgres.Folder, "pgbench-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            var meter = ResourceMeter.Start(azurite: null);
            var run = await ExternalCommand.Run(postgres.Binaries.Pgbench, Arguments(postgres, script, clients, seconds, variables, Path.Combine(logs.FullName, "log")), Bound(measure));
            var resources = meter.Stop();
            var tps = TpsLine().Match(run.Output);
            var processed = ProcessedLine().Match(run.Output);
            var failed = FailedLine().Match(run.Output);
            var error = run.Ok && tps.Success ? null : run.Describe();
            return new PgbenchResult(
                name,
                clients,
                seconds,
                tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
                processed.Success ? long.Parse(processed.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                failed.Success ? long.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                ReadLatencies(logs),
                resources,
                error);
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    private static List<string> Arguments(PrivatePostgres postgres, string script, int clients, int seconds, IReadOnlyDictionary<string, string> variables, string? logPrefix)
    {
        var arguments = new List<string>
        {
            "-n", "-M", "prepared", "-f", script,
            "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in variables)
        {
            arguments.AddRange(["-D", $"{name}={value}"]);
        }

        if (logPrefix is not null)
        {
            arguments.AddRange(["-l", "--log-prefix", logPrefix]);
        }

        arguments.AddRange(postgres.ConnectionArguments);
        return arguments;
    }

    private static TimeSpan Bound(TimeSpan duration) => duration + TimeSpan.FromSeconds(60);

    /// <summary>pgbench's per-transaction log: "client_id transaction_no time script_no time_epoch time_us", time in µs.</summary>
    private static double[] ReadLatencies(DirectoryInfo logs)
    {
        var latencies = new List<double>();
        foreach (var file in logs.EnumerateFiles("log*"))
        {
            foreach (var line in File.ReadLines(file.FullName))
            {
                var fields = line.Split(' ');
                if (fields.Length > 2 && long.TryParse(fields[2], CultureInfo.InvariantCulture, out var micros))
                {
                    latencies.Add(micros / 1000.0);
                }
            }
        }

        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex ProcessedLine();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedLine();
}
