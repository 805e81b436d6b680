using System.Diagnostics;
using System.Text;

namespace BaiTiaoSwitch.Benchmarks;

public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public bool Ok => ExitCode == 0;

    public string Describe() => $"exit {ExitCode}: {(Error.Trim().Length > 0 ? Error.Trim() : Output.Trim())}";
}

/// <summary>
/// Runs a tool (initdb, pg_ctl, psql, pgbench) to its end, bounded by a timeout after which it is killed, optionally
/// as another user: PostgreSQL's server refuses to run as root, so as root its tools run as <c>runuser -u postgres</c>.
/// </summary>
public static class ExternalCommand
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<CommandResult> Run(string file, IEnumerable<string> arguments, TimeSpan timeout, string? asUser = null, string? workingDirectory = null)
    {
        var start = asUser is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser");
        if (asUser is not null)
        {
            foreach (var argument in new[] { "-u", asUser, "--", file })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = workingDirectory ?? Path.GetTempPath();
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return new CommandResult(-1, "", $"{file} could not be started: {exception.Message}");
        }

        using var process = started ?? throw new InvalidOperationException($"{file} did not start.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { lock (output) { output.AppendLine(line.Data); } } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { lock (error) { error.AppendLine(line.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new CommandResult(-1, output.ToString(), $"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds:0} s and was stopped. {error}");
        }

        // The asynchronous readers may still be appending the last lines.
        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>The same, blocking: for the exit handlers, which cannot await.</summary>
    public static CommandResult RunBlocking(string file, IEnumerable<string> arguments, TimeSpan timeout, string? asUser = null, string? workingDirectory = null) =>
        Run(file, arguments, timeout, asUser, workingDirectory).GetAwaiter().GetResult();
}
