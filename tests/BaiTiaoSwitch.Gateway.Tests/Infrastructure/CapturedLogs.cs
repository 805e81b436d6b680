using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>Every log line of the gateway and the silos during the test run, with exception text, for the log scan.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public static readonly CapturedLogs Instance = new();

    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            sink.lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
        }
    }
}
