using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Counts the silos' warnings and errors instead of printing them, so a benchmark stays readable yet nothing that
/// went wrong is hidden: the tally, with one example of each, is printed after every phase.
/// </summary>
public sealed class LogTally : ILoggerProvider
{
    public static readonly LogTally Provider = new();
    private readonly ConcurrentDictionary<string, (long Count, string Example)> entries = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Everything counted since the last call, most frequent first, and clears the tally.</summary>
    public IReadOnlyList<string> Drain(int top = 8)
    {
        var snapshot = entries.ToArray();
        entries.Clear();
        return snapshot
            .OrderByDescending(entry => entry.Value.Count)
            .Take(top)
            .Select(entry => $"{entry.Value.Count,7:N0} x {entry.Key}: {entry.Value.Example}")
            .ToList();
    }

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, EventId eventId, string message)
    {
        var key = $"{level} {category}{(eventId.Id == 0 ? "" : "#" + eventId.Id)}";
        entries.AddOrUpdate(key, (1, Trim(message)), (_, current) => (current.Count + 1, current.Example));
    }

    private static string Trim(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length <= 700 ? line : line[..700] + "…";
    }

    private sealed class Logger(LogTally tally, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                tally.Add(logLevel, category, eventId, formatter(state, exception) + (exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]"));
            }
        }
    }
}
