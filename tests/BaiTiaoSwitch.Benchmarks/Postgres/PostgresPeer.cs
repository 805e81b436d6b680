using System.Globalization;

namespace BaiTiaoSwitch.Benchmarks.Postgres;

/// <summary>One peer workload: pgbench's figures and the peer ledger's own check afterwards.</summary>
public sealed record PeerWorkload(PgbenchResult Run, long Approved, long Declined, bool Conserved)
{
    public string Check() => $"peer ledger after warm-up and run: {Approved:N0} approved, {Declined:N0} declined, {(Conserved ? "conserved (limit - available = approved amounts)" : "NOT CONSERVED")}";
}

/// <summary>The three peer workloads, or why they did not run.</summary>
public sealed record PeerResults(string? Missing, string Server, PeerWorkload? ForUpdate, PeerWorkload? ConditionalUpdate, PeerWorkload? Zipf)
{
    public static PeerResults NotRun(string why) => new(why, "", null, null, null);
}

/// <summary>
/// The PostgreSQL peer of the same run: a private instance on this machine's cores, loaded with the lines of
/// workload (b), then (i) the hot line with SELECT … FOR UPDATE + insert, (ii) the hot line with one conditional
/// UPDATE + insert, (iii) the Zipf lines, each by pgbench with the switch's caller count, closed loop.
/// </summary>
public static class PostgresPeer
{
    public static async Task<PeerResults> Run(BenchOptions options, Action<string> progress)
    {
        var binaries = PostgresBinaries.Find();
        if (binaries is null)
        {
            return PeerResults.NotRun($"PostgreSQL is not installed on this machine (no initdb, pg_ctl, postgres, psql and pgbench in /usr/lib/postgresql/*/bin or on the PATH). Install it with:  {PostgresBinaries.InstallHint}");
        }

        PrivatePostgres postgres;
        try
        {
            postgres = await PrivatePostgres.Start(binaries);
        }
        catch (InvalidOperationException exception)
        {
            return PeerResults.NotRun($"the private PostgreSQL did not start: {exception.Message}");
        }

        await using (postgres)
        {
            var load = await postgres.Sql(Script("schema.sql"), new Dictionary<string, string>
            {
                ["lines"] = options.Lines.ToString(CultureInfo.InvariantCulture),
                ["credit_limit"] = Money.AmountMax.ToString(CultureInfo.InvariantCulture),
                ["zipf_s"] = options.ZipfExponent.ToString(CultureInfo.InvariantCulture),
            });
            if (!load.Ok)
            {
                return PeerResults.NotRun($"loading the peer's schema failed: {load.Describe()}");
            }

            var server = await Describe(postgres);
            progress($"server     {server}");
            var forUpdate = await Workload(postgres, options, "(i) hot line, SELECT … FOR UPDATE + insert", "hot-for-update.sql", progress);
            var conditional = await Workload(postgres, options, "(ii) hot line, conditional UPDATE + insert", "hot-conditional-update.sql", progress);
            var zipf = await Workload(postgres, options, $"(iii) {options.Lines:N0} Zipf lines (s = {options.ZipfExponent}), conditional UPDATE + insert", "zipf-conditional-update.sql", progress);
            return new PeerResults(null, server, forUpdate, conditional, zipf);
        }
    }

    private static async Task<PeerWorkload> Workload(PrivatePostgres postgres, BenchOptions options, string name, string script, Action<string> progress)
    {
        var reset = await postgres.Sql(Script("reset.sql"));
        if (!reset.Ok)
        {
            throw new InvalidOperationException($"Resetting the peer's tables failed: {reset.Describe()}");
        }

        var variables = new Dictionary<string, string> { ["amount"] = options.AmountFen.ToString(CultureInfo.InvariantCulture) };
        var run = await Pgbench.Run(postgres, name, Script(script), options.PeerClients, options.Warmup, options.PeerDuration, variables);
        var check = await postgres.Sql(Script("check.sql"));
        var fields = check.Output.Trim().Split('|');
        var ok = check.Ok && fields.Length == 3;
        var workload = new PeerWorkload(
            run,
            ok ? long.Parse(fields[0], CultureInfo.InvariantCulture) : 0,
            ok ? long.Parse(fields[1], CultureInfo.InvariantCulture) : 0,
            ok && fields[2] == "t");
        progress($"  {name}");
        progress($"    {run.Headline()}");
        progress($"    {run.Counts()}; {workload.Check()}");
        progress($"    cpu: machine {run.Resources.MachineCpuPercent:0}% of {Environment.ProcessorCount * 100}% (PostgreSQL, pgbench and anything else running)");
        return workload;
    }

    private static async Task<string> Describe(PrivatePostgres postgres)
    {
        var settings = await postgres.Query(
            "SELECT current_setting('server_version') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync') || " +
            "', wal_sync_method=' || current_setting('wal_sync_method') || ', full_page_writes=' || current_setting('full_page_writes') || " +
            "', shared_buffers=' || current_setting('shared_buffers') || ', max_connections=' || current_setting('max_connections')");
        return $"PostgreSQL {settings.Output.Trim()}; private instance on 127.0.0.1:{postgres.Port}, data in {postgres.Folder}";
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Postgres", name);
}
