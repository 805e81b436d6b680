using System.Diagnostics;
using BaiTiaoSwitch.RequestKeys;
using Microsoft.Extensions.DependencyInjection;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>Stopwatch instrumentation around the channels' key namespaces: each claim and each stored answer, from the caller's side.</summary>
public sealed class TimedRequestKeyStore(IRequestKeyStore inner) : IRequestKeyStore
{
    private readonly StorageTimings timings = StorageTimings.For("bts-request-keys");

    public async Task<KeyClaim> Claim(string channel, string key, string owner, string fingerprint, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.Claim(channel, key, owner, fingerprint, cancellationToken);
        }
        finally
        {
            timings.Writes.Add(0, Stopwatch.GetTimestamp() - started);
        }
    }

    public async Task StoreAnswers(IReadOnlyList<KeyAnswer> answers, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.StoreAnswers(answers, cancellationToken);
        }
        finally
        {
            timings.Deletes.Add(0, Stopwatch.GetTimestamp() - started);
        }
    }

    public Task<byte[]?> FindAnswer(string channel, string key, string owner, CancellationToken cancellationToken = default) => inner.FindAnswer(channel, key, owner, cancellationToken);

    public static void Decorate(IServiceCollection services) =>
        services.AddSingleton<IRequestKeyStore>(provider => new TimedRequestKeyStore(provider.GetRequiredService<ShardedRequestKeyStore>()));
}
