using BaiTiaoSwitch.Benchmarks;
using BaiTiaoSwitch.Benchmarks.OpenLoop;
using BaiTiaoSwitch.Benchmarks.Postgres;
using BaiTiaoSwitch.Testing;

// dotnet run -c Release --project tests/BaiTiaoSwitch.Benchmarks [-- --help]
if (args is ["backtest", ..])
{
    return BacktestBenchmark.Run(args);
}

var options = BenchOptions.Parse(args);

Interruption.ExitOnSignals();
await using var privateAzurite = options.Azurite == "shared" ? null : await PrivateAzurite.StartAsync(inMemory: options.Azurite == "memory");
if (privateAzurite is not null)
{
    options.ConnectionString = privateAzurite.ConnectionString;
}

Storage.EnsureReachable(options.ConnectionString);
var azurite = privateAzurite is not null ? new ProcessCpu(privateAzurite.ProcessId) : ProcessCpu.FindListener(Storage.TablePort(options.ConnectionString));
var report = new Report();

// Every table and container of this run starts with its own prefix (lowercase letters only), and goes at the end.
var namePrefix = "bench" + new string(Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());
AzureRequestTally.NamePrefix = namePrefix;
report.Title(args, options, azurite, namePrefix, privateAzurite?.Describe() ?? $"shared ({options.ConnectionString.Split(';')[0]})");

try
{
    if (options.Runs('r'))
    {
        Report.Section("Azurite raw table inserts (Azure.Data.Tables, one new partition per insert, no Orleans)");
        var table = namePrefix + "raw";
        report.Add(await RawTableInserts.Run(options.ConnectionString, table, "sequential 1 KiB", 1, 1024, options.RawDuration, azurite));
        report.Add(await RawTableInserts.Run(options.ConnectionString, table, "parallel 1 KiB", options.RawParallelism, 1024, options.RawDuration, azurite));
        report.Add(await RawTableInserts.Run(options.ConnectionString, table, "sequential 64 KiB", 1, 64 * 1024, options.RawDuration, azurite));
        report.Add(await RawTableInserts.Run(options.ConnectionString, table, "parallel 64 KiB", 8, 64 * 1024, options.RawDuration, azurite));
    }

    if (options.Runs('w'))
    {
        Report.Section("Azurite's batched write ceiling (entity-group transactions, one partition each, no Orleans)");
        report.Add(await AzuriteBatchedWrites.Run(options.ConnectionString, namePrefix + "batched", options.BatchEntities, options.BatchParallelism, 1024, options.RawDuration, azurite));
    }

    var journal = new JournalTable(options.ConnectionString, namePrefix + "commitlog");
    if (options.Runs('a') || options.Runs('o'))
    {
        Report.Section($"Cluster with group commit ({options.Silos} in-process silo(s), {options.Transport} transport, state in Azurite)");
        await using var cluster = await BenchCluster.Start(options, namePrefix, groupCommit: true);
        if (options.Runs('a'))
        {
            report.Hot("(a) hot line, group commit, closed loop", await HotLineWorkload.Run(cluster, options, journal, azurite, "a-group"), groupCommit: true);
        }

        var saturation = report.HotGroup?.Load.AuthorizationsPerSecond ?? options.Saturation;
        if (options.Runs('o') && saturation is > 0)
        {
            Report.Line($"  saturation: {saturation:N0} auth/s ({(report.HotGroup is null ? "from --saturation" : $"the closed loop above, {options.HotCallers} callers")}); each rate on a fresh hot line");
            foreach (var fraction in options.OpenLoopFractions)
            {
                report.Add(await HotLineOpenLoop.Run(cluster, options, saturation.Value, fraction, azurite));
            }
        }
        else if (options.Runs('o'))
        {
            Report.Line("  open loop NOT RUN: it needs the saturation throughput, from part a in the same run or --saturation N");
        }
    }

    if (options.Runs('k'))
    {
        Report.Section($"Risk rules in the decision: the hot line with no rule, with six (one of each kind), and with none again ({options.Silos} in-process silo(s), group commit)");
        await using var cluster = await BenchCluster.Start(options, namePrefix + "k", groupCommit: true);
        report.Add(await RiskRulesWorkload.Run(cluster, options, azurite));
    }

    if (options.Runs('g'))
    {
        Report.Section($"The local run as it is used: hot line on {(options.Azurite == "fresh" ? "a fresh on-disk" : "THIS (not a fresh on-disk, so not the target's setting)")} Azurite, then after {options.AgeAuthorizations:N0} authorizations");
        await using var cluster = await BenchCluster.Start(options, namePrefix + "g", groupCommit: true);
        report.Add(await AgingWorkload.Run(cluster, options, azurite, privateAzurite?.Location));
    }

    // Before (b): its 10,000 lines fill Azurite's tables, and Azurite slows down as they grow.
    if (options.Runs('n'))
    {
        Report.Section("Cluster with one write per request (SwitchOptions.BatchRequestsMax = 1)");
        await using var cluster = await BenchCluster.Start(options, namePrefix + "n", groupCommit: false);
        report.Hot("(a) hot line, one write per request", await HotLineWorkload.Run(cluster, options, new JournalTable(options.ConnectionString, namePrefix + "ncommitlog"), azurite, "a-single"), groupCommit: false);
    }

    // While no switch cluster runs, so the peer has the same cores the switch had.
    if (options.Runs('p'))
    {
        Report.Section($"PostgreSQL peer ({options.PeerClients} pgbench clients, closed loop, synchronous commit; {options.Lines:N0} lines as in (b))");
        report.Add(await PostgresPeer.Run(options, Report.Line));
    }

    if (options.Runs('b'))
    {
        Report.Section($"Cluster with group commit, many lines ({options.Silos} in-process silo(s), {options.Transport} transport)");
        await using var cluster = await BenchCluster.Start(options, namePrefix + "b", groupCommit: true);
        Report.Line($"  (b) {options.Lines:N0} Zipf lines, group commit: setup (a tenth first, to warm up; then the rest, measured), idle memory, traffic");
        report.Add(await ZipfLinesWorkload.Run(cluster, options, new JournalTable(options.ConnectionString, namePrefix + "bcommitlog"), azurite, "b-zipf"));
    }

    TargetsSummary.Print(report, options);
}
catch (Exception) when (Interruption.Requested)
{
    // The exit handlers are stopping the private servers under the run's feet: let them finish, then the exit ends us.
    await Task.Delay(Timeout.Infinite);
}
finally
{
    if (!options.Keep && privateAzurite is null)
    {
        await Storage.DeleteRun(options.ConnectionString, namePrefix);
    }
}

return report.AllChecksPassed ? 0 : 1;
