using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>What the figures were measured on: printed with them, because they mean nothing without it.</summary>
public static class MachineInfo
{
    public static IEnumerable<string> Describe(ProcessCpu? azurite)
    {
        yield return $"cpu        {Environment.ProcessorCount} cores, {CpuModel()}";
        yield return $"memory     {MemoryGiB():0.0} GiB";
        yield return $"os         {OsName()} ({RuntimeInformation.OSArchitecture}), kernel {Environment.OSVersion.Version}";
        var debuggable = typeof(MachineInfo).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .OfType<System.Diagnostics.DebuggableAttribute>().Any(attribute => attribute.IsJITOptimizerDisabled);
        var tiered = AppContext.GetData("System.Runtime.TieredCompilation") is { } value ? value.ToString() : "default";
        yield return $".net       {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(debuggable ? "DEBUG build (figures are meaningless)" : "release build")}, tiered compilation {tiered}";
        yield return $"orleans    {Version(typeof(Orleans.IGrainFactory).Assembly)}";
        yield return $"azurite    {AzuriteVersion(azurite)}{(azurite is null ? "" : $", pid {azurite.Pid}")}";
        yield return $"load       {LoadAverage()} (1, 5, 15 min averages at start)";
    }

    public static string LoadAverage() => string.Join(' ', (Read("/proc/loadavg") ?? "? ? ?").Split(' ').Take(3));

    /// <summary>The command that reproduces this run, and the commit it ran on (with "+ local changes" when the tree was dirty).</summary>
    public static IEnumerable<string> Run(string[] args)
    {
        var quoted = args.Select(arg => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_.,=/:".Contains(c)) ? arg : $"'{arg}'");
        yield return $"command    dotnet run -c Release --project tests/BaiTiaoSwitch.Benchmarks --{string.Concat(quoted.Select(arg => " " + arg))}";
        var head = ExternalCommand.RunBlocking("git", ["rev-parse", "--short", "HEAD"], TimeSpan.FromSeconds(10), workingDirectory: Environment.CurrentDirectory);
        var dirty = ExternalCommand.RunBlocking("git", ["status", "--porcelain", "--untracked-files=no"], TimeSpan.FromSeconds(10), workingDirectory: Environment.CurrentDirectory);
        yield return head.Ok
            ? $"commit     {head.Output.Trim()}{(dirty.Ok && dirty.Output.Trim().Length > 0 ? " + local changes" : "")}"
            : "commit     ? (not run from a git work tree)";
    }

    private static string Version(System.Reflection.Assembly assembly) =>
        assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion is { } version
            ? string.Join('.', version.Split('+', ' ')[0].Split('.').Take(3))
            : null
        ?? assembly.GetName().Version?.ToString() ?? "?";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";

    private static double MemoryGiB()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kib)
            ? kib / 1024.0 / 1024.0
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0;
    }

    private static string OsName()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(line => line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        return pretty ?? RuntimeInformation.OSDescription;
    }

    private static string AzuriteVersion(ProcessCpu? azurite)
    {
        try
        {
            if (azurite is not null)
            {
                var cwd = new DirectoryInfo($"/proc/{azurite.Pid}/cwd").ResolveLinkTarget(true)?.FullName;
                var package = cwd is null ? null : Path.Combine(cwd, "node_modules", "azurite", "package.json");
                if (package is not null && File.Exists(package))
                {
                    using var json = JsonDocument.Parse(File.ReadAllText(package));
                    return json.RootElement.GetProperty("version").GetString() ?? "?";
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return azurite is null ? "process not found on this machine (remote or in a container?)" : "?";
    }

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
