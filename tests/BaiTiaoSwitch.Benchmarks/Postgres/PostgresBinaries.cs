namespace BaiTiaoSwitch.Benchmarks.Postgres;

/// <summary>
/// Where this machine's PostgreSQL server tools are: Debian's <c>postgresql</c> puts them in
/// <c>/usr/lib/postgresql/&lt;major&gt;/bin</c> (the newest is taken); elsewhere they are looked for on the PATH.
/// </summary>
public sealed record PostgresBinaries(string Directory)
{
    public const string InstallHint = "sudo apt-get update && sudo apt-get install -y postgresql";

    private static readonly string[] Tools = ["initdb", "pg_ctl", "postgres", "psql", "pgbench"];

    public string InitDb => Tool("initdb");

    public string PgCtl => Tool("pg_ctl");

    public string Psql => Tool("psql");

    public string Pgbench => Tool("pgbench");

    public static PostgresBinaries? Find()
    {
        var candidates = new List<string>();
        if (System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(System.IO.Directory.EnumerateDirectories("/usr/lib/postgresql")
                .OrderByDescending(directory => int.TryParse(Path.GetFileName(directory), out var major) ? major : 0)
                .Select(directory => Path.Combine(directory, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        var directory = candidates.FirstOrDefault(candidate => Tools.All(tool => File.Exists(Path.Combine(candidate, tool))));
        return directory is null ? null : new PostgresBinaries(directory);
    }

    private string Tool(string name) => Path.Combine(Directory, name);
}
