using System.Collections.Concurrent;
using BaiTiaoSwitch.Cards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure.Entities;

/// <summary>
/// The card numbers the silos of one test cluster draw: random, unless a test scripted the next ones (to force a
/// collision). Each cluster has its own script, found by its service id.
/// </summary>
public sealed class ScriptedCardNumbers : ICardNumberSource
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> script;

    public ScriptedCardNumbers(IOptions<ClusterOptions> cluster) => script = For(cluster.Value.ServiceId);

    /// <summary>The next draws of any card in <paramref name="cluster"/> return these numbers, in order; then random ones again.</summary>
    public static void DrawNext(TestCluster cluster, params string[] numbers)
    {
        foreach (var number in numbers)
        {
            For(cluster.Options.ServiceId).Enqueue(number);
        }
    }

    public string Next(string bin) => script.TryDequeue(out var number) ? number : CardNumbers.Generate(bin);

    private static ConcurrentQueue<string> For(string serviceId) => Scripts.GetOrAdd(serviceId, _ => new ConcurrentQueue<string>());
}

/// <summary>Makes the silos draw card numbers through <see cref="ScriptedCardNumbers"/>.</summary>
public sealed class ScriptedCardNumbersConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo) => silo.Services.AddSingleton<ICardNumberSource, ScriptedCardNumbers>();
}
