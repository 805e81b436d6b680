using System.Diagnostics;

namespace BaiTiaoSwitch.Testing;

/// <summary>
/// An Azurite of this run only, from the repository's pinned npm package (<c>node_modules/.bin/azurite</c> above the
/// current directory), on free loopback ports and in memory or an empty data folder. A shared development Azurite
/// holds every test's leftovers, and its table store rewrites its whole database file every few seconds, so its speed
/// depends on how much others have written to it; a fresh one does not. Give its <see cref="ConnectionString"/> to
/// <see cref="SwitchTestClusterOptions.AzuriteConnectionString"/> or to your own silos; disposing it stops it and
/// deletes its folder.
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

    /// <summary>The Azurite process (node), for measuring what it uses.</summary>
    public int ProcessId => process.Id;

    /// <summary>The data folder on disk, or null when it keeps everything in memory.</summary>
    public string? Location => location;

    /// <summary>Starts one and returns once its blob and table ports answer (within 15 s).</summary>
    /// <param name="inMemory">Keep everything in memory (<c>--inMemoryPersistence</c>) rather than in a fresh temporary folder.</param>
    public static async Task<PrivateAzurite> StartAsync(bool inMemory)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "node_modules/.bin/azurite was not found above the current directory; run 'npm ci' in the repository first.");
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
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException("The private Azurite did not start listening within 15 s.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return azurite;
    }

    /// <summary>Says where it keeps its data, for a run's report.</summary>
    public string Describe() => location is null ? "private, in-memory (--inMemoryPersistence)" : $"private, fresh data folder {location}";

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
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
