using System.Globalization;
using System.Runtime.InteropServices;
using BaiTiaoSwitch.Testing;

namespace BaiTiaoSwitch.Benchmarks.Postgres;

/// <summary>
/// A PostgreSQL instance of this run only: <c>initdb</c> in a temporary folder, a free port on 127.0.0.1 and no Unix
/// socket, synchronous commit on and fsync as the distribution ships it (on), sized for 64 clients. It is stopped and
/// its folder deleted at the end and at process exit (Ctrl-C and SIGTERM too: see <see cref="Interruption"/>); a
/// folder left by a run that was killed outright is found by its owner file and removed by the next run. As root its
/// server runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string FolderPrefix = "bts-bench-pg-";
    private const string OwnerFile = "bench.owner";
    private const int SigInt = 2;
    private const int SigQuit = 3;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Appended to postgresql.conf. Everything not named here is PostgreSQL's default (fsync on, full_page_writes on, shared_buffers 128MB).</summary>
    private static readonly string[] Settings =
    [
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        "max_connections = 80",
        "synchronous_commit = on",
        "logging_collector = off",
    ];

    private readonly EventHandler onExit;
    private int stopped;

    private PrivatePostgres(PostgresBinaries binaries, string folder, int port)
    {
        Binaries = binaries;
        Folder = folder;
        Port = port;
        onExit = (_, _) => StopAndDelete(immediate: true);
        AppDomain.CurrentDomain.ProcessExit += onExit;
    }

    public PostgresBinaries Binaries { get; }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>Client arguments for psql and pgbench: loopback TCP, the superuser that initdb made, trust authentication.</summary>
    public string[] ConnectionArguments => ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "bench", "postgres"];

    public static async Task<PrivatePostgres> Start(PostgresBinaries binaries)
    {
        RemoveLeftovers();
        var user = ExternalCommand.IsRoot ? "postgres" : null;
        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..8]);
        var init = await ExternalCommand.Run(binaries.InitDb, ["-D", folder, "-U", "bench", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], ToolTimeout, user);
        if (!init.Ok)
        {
            TryDelete(folder);
            throw new InvalidOperationException($"initdb failed ({init.Describe()}){(user is null ? "" : "; as root the server runs as the 'postgres' user, which the postgresql package creates")}.");
        }

        var port = LoopbackPorts.Free(1)[0];
        await File.WriteAllTextAsync(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        await File.AppendAllLinesAsync(Path.Combine(folder, "postgresql.conf"), Settings.Append($"port = {port}"));
        var instance = new PrivatePostgres(binaries, folder, port);
        var start = await ExternalCommand.Run(binaries.PgCtl, ["start", "-D", folder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60"], ToolTimeout, user);
        if (!start.Ok)
        {
            var log = File.Exists(Path.Combine(folder, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "server.log")) : "";
            await instance.DisposeAsync();
            throw new InvalidOperationException($"pg_ctl start failed ({start.Describe()}). Server log: {log}");
        }

        return instance;
    }

    /// <summary>Runs SQL with psql, stopping at the first error; <paramref name="variables"/> become psql variables (:name).</summary>
    public Task<CommandResult> Sql(string sqlFile, IReadOnlyDictionary<string, string>? variables = null)
    {
        var arguments = new List<string> { "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", sqlFile };
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            arguments.AddRange(["-v", $"{name}={value}"]);
        }

        return ExternalCommand.Run(Binaries.Psql, arguments.Concat(ConnectionArguments), ToolTimeout);
    }

    public Task<CommandResult> Query(string sql) =>
        ExternalCommand.Run(Binaries.Psql, new[] { "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql }.Concat(ConnectionArguments), ToolTimeout);

    public ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        StopAndDelete(immediate: false);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Deletes the folder, then stops the server with a signal to its postmaster (SIGINT: fast shutdown; SIGQUIT:
    /// immediate), then deletes what it wrote meanwhile. Deleting first means that an exit which is cut short (the run
    /// fails as soon as its server is gone) still leaves nothing behind; and no child process is started, so this also
    /// works from an exit handler while the runtime shuts down.
    /// </summary>
    private void StopAndDelete(bool immediate)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        var postmaster = Postmaster(Folder);
        TryDelete(Folder);
        Stop(postmaster, immediate ? SigQuit : SigInt);
        TryDelete(Folder);
    }

    /// <summary>The postmaster of this folder, if it runs: after a crash its pid may have been given to another process.</summary>
    private static int? Postmaster(string folder)
    {
        var pidFile = Path.Combine(folder, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        var commandLine = $"/proc/{pid}/cmdline";
        return File.Exists(commandLine) && File.ReadAllText(commandLine).Contains(folder, StringComparison.Ordinal) ? pid : null;
    }

    private static void Stop(int? postmaster, int signal)
    {
        if (postmaster is not { } pid)
        {
            return;
        }

        _ = Kill(pid, signal);
        var deadline = Environment.TickCount64 + 30_000;
        while (Running(pid) && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// Instances of earlier runs whose benchmark process no longer exists (killed with SIGKILL, say), and folders that an
    /// interrupted deletion left without their owner file, once they are an hour old.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            var orphaned = File.Exists(owner)
                ? int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}")
                : Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddHours(-1) && Postmaster(folder) is null;
            if (orphaned)
            {
                Stop(Postmaster(folder), SigQuit);
                TryDelete(folder);
                Console.WriteLine($"note       removed a PostgreSQL instance left by an earlier run that was killed ({folder})");
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>Alive and not a zombie: the postmaster's parent is init, which may reap it late.</summary>
    private static bool Running(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
