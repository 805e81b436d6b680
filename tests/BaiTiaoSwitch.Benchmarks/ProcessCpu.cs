using System.Globalization;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>CPU time of a process (or one of its threads) from /proc, in clock ticks (USER_HZ, 100 per second on Linux).</summary>
public sealed class ProcessCpu(int pid)
{
    public const double TicksPerSecond = 100;

    public int Pid { get; } = pid;

    public static ProcessCpu Self { get; } = new(Environment.ProcessId);

    /// <summary>The local process listening on <paramref name="port"/> (Azurite's table port), from /proc/net/tcp and each process's sockets.</summary>
    public static ProcessCpu? FindListener(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1];
                if (fields[3] == "0A" && int.Parse(local[(local.IndexOf(':', StringComparison.Ordinal) + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{fields[9]}]");
                }
            }
        }

        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(directory, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target))
                    {
                        return new ProcessCpu(pid);
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    public long Ticks() => TicksOf($"/proc/{Pid}/stat")?.Ticks ?? 0;

    /// <summary>CPU ticks of each thread, summed by thread name (".NET TP Worker", ".NET Server GC", ...).</summary>
    public Dictionary<string, long> TicksByThreadName()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var tasks = $"/proc/{Pid}/task";
        if (!Directory.Exists(tasks))
        {
            return result;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            if (TicksOf(Path.Combine(task, "stat")) is { } thread)
            {
                result[thread.Name] = result.GetValueOrDefault(thread.Name) + thread.Ticks;
            }
        }

        return result;
    }

    /// <summary>Busy and total ticks of the whole machine (all cores) from /proc/stat.</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }

    private static (string Name, long Ticks)? TicksOf(string statPath)
    {
        try
        {
            var stat = File.ReadAllText(statPath);
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var name = NormalizeThreadName(stat[(open + 1)..close]);
            var fields = stat[(close + 2)..].Split(' ');

            // After the name: state is field 3, utime field 14, stime field 15 (man 5 proc).
            return (name, long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    // ".NET TP Worker" threads are many; numbered threads ("node", ".NET Long Running Task") are grouped by their name.
    private static string NormalizeThreadName(string name) => name.TrimEnd();
}
