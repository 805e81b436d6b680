using BaiTiaoSwitch.Benchmarks;

// dotnet run -c Release --project tests/BaiTiaoSwitch.Benchmarks [-- --help]
var options = BenchOptions.Parse(args);
await using var privateAzurite = options.Azurite == "shared" ? null : await PrivateAzurite.Start(inMemory: options.Azurite == "memory");
if (privateAzurite is not null)
{
    options.ConnectionString = privateAzurite.ConnectionString;
}

Storage.EnsureReachable(options.ConnectionString);
var azurite = privateAzurite?.Cpu ?? ProcessCpu.FindListener(Storage.TablePort(options.ConnectionString));
var report = new Report();

// Every table and container of this run starts with its own prefix (lowercase letters only), and goes at the end.
var namePrefix = "bench" + new string(Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());
report.Title(options, azurite, namePrefix, privateAzurite?.Describe() ?? $"shared ({options.ConnectionString.Split(';')[0]})");

try
{
    if (options.Runs('r'))
    {
        report.Section("Azurite raw table inserts (Azure.Data.Tables, one new partition per insert, no Orleans)");
        var table = namePrefix + "raw";
        report.Raw(await RawTableInserts.Run(options.ConnectionString, table, "sequential 1 KiB", 1, 1024, options.RawDuration, azurite));
        report.Raw(await RawTableInserts.Run(options.ConnectionString, table, "parallel 1 KiB", options.RawParallelism, 1024, options.RawDuration, azurite));
        report.Raw(await RawTableInserts.Run(options.ConnectionString, table, "sequential 64 KiB", 1, 64 * 1024, options.RawDuration, azurite));
        report.Raw(await RawTableInserts.Run(options.ConnectionString, table, "parallel 64 KiB", 8, 64 * 1024, options.RawDuration, azurite));
    }

    var journal = new JournalTable(options.ConnectionString, namePrefix + "journal");
    if (options.Runs('a'))
    {
        report.Section($"Cluster with group commit ({options.Silos} in-process silo(s), {options.Transport} transport, state in Azurite)");
        await using var cluster = await BenchCluster.Start(options, namePrefix, groupCommit: true);
        report.Hot("(a) hot line, group commit", await HotLineWorkload.Run(cluster, options, journal, azurite, "a-group"));
    }

    // Before (b): its 10,000 lines fill Azurite's tables, and Azurite slows down as they grow.
    if (options.Runs('n'))
    {
        report.Section("Cluster with one write per request (SwitchOptions.BatchRequestsMax = 1)");
        await using var cluster = await BenchCluster.Start(options, namePrefix + "n", groupCommit: false);
        report.Hot("(a) hot line, one write per request", await HotLineWorkload.Run(cluster, options, new JournalTable(options.ConnectionString, namePrefix + "njournal"), azurite, "a-single"));
    }

    if (options.Runs('b'))
    {
        report.Section($"Cluster with group commit, many lines ({options.Silos} in-process silo(s), {options.Transport} transport)");
        await using var cluster = await BenchCluster.Start(options, namePrefix + "b", groupCommit: true);
        report.Zipf("(b) Zipf lines, group commit", await ZipfLinesWorkload.Run(cluster, options, new JournalTable(options.ConnectionString, namePrefix + "bjournal"), azurite, "b-zipf"));
    }

    report.Summary(options);
}
finally
{
    if (!options.Keep && privateAzurite is null)
    {
        await Storage.DeleteRun(options.ConnectionString, namePrefix);
    }
}

return report.AllChecksPassed ? 0 : 1;
