using System.Collections.Concurrent;
using BaiTiaoSwitch.Bindings;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>The test silos' SMS gateway: it keeps every code sent, by phone digits, for the test to read (the silos run in this process).</summary>
public sealed class RecordedOtps : IOtpSender
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Sent = new(StringComparer.Ordinal);

    public Task SendAsync(string phone, string code, CancellationToken cancellationToken)
    {
        Sent.GetOrAdd(phone, _ => new ConcurrentQueue<string>()).Enqueue(code);
        return Task.CompletedTask;
    }

    /// <summary>Every code sent to <paramref name="phone"/>, oldest first.</summary>
    public static IReadOnlyList<string> To(string phone) => Sent.TryGetValue(phone, out var codes) ? [.. codes] : [];

    public static string Last(string phone) => To(phone) is [.., var last] ? last : throw new InvalidOperationException("No code was sent to this phone.");
}
