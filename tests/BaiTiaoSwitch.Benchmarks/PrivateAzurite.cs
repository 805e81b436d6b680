using System.Diagnostics;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// An Azurite of this run only, from the repository's pinned npm package, on free loopback ports and an empty data
/// folder. A shared development Azurite holds every test's leftovers, and its table store rewrites its whole database
/// file every few seconds, so its speed depends on how much others have written to it; a fresh one does not.
/// </summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    // Azurite's well-known development account (public, the same in every Azurite).
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process process;
    private readonly string? location;

    private PrivateAzurite(Process process, string? location, string connectionString)
    {
        this.process = process;
        this.location = location;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public ProcessCpu Cpu => new(process.Id);

    /// <summary>The data folder on disk, or null when it keeps everything in memory.</summary>
    public string? Location => location;

    public static async Task<PrivateAzurite> Start(bool inMemory)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "node_modules/.bin/azurite was not found above the current directory; run 'npm ci' in the repository first, or use --azurite shared.");
        var ports = LoopbackPorts.Free(3);
        var location = inMemory ? null : Directory.CreateTempSubdirectory("bts-bench-azurite-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" })
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--blobPort");
        start.ArgumentList.Add(ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--queuePort");
        start.ArgumentList.Add(ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--tablePort");
        start.ArgumentList.Add(ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");

        // Never leave it behind, even when the run is interrupted (Ctrl-C, SIGTERM).
        void Stop()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        Console.CancelKeyPress += (_, _) => Stop();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;";
        var azurite = new PrivateAzurite(process, location, connectionString);
        var deadline = Stopwatch.GetTimestamp() + (15 * Stopwatch.Frequency);
        while (!LoopbackPorts.Listening(ports[0]) || !LoopbackPorts.Listening(ports[2]))
        {
            if (process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException("The private Azurite did not start listening within 15 s.");
            }

            await Task.Delay(100);
        }

        return azurite;
    }

    public string Describe() => location is null ? "private, in-memory (--inMemoryPersistence)" : $"private, fresh data folder {location}";

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (location is not null)
        {
            Directory.Delete(location, recursive: true);
        }
    }

    private static string? FindExecutable()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", ".bin", "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
