using System.Diagnostics;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Tests.Risk;

/// <summary>
/// A 2-silo cluster of its own for the risk tests: rules are cluster configuration, so the other tests' cluster never
/// sees them. Its events are recorded (<see cref="PublishedEvents"/>).
/// </summary>
public sealed class RiskClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public BaiTiaoSwitchClient Issuer => new(Cluster.GrainFactory, TestKeys.Issuer);

    public async Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        Cluster = ClusterFactory.Build(2, configure: builder => builder.AddSiloBuilderConfigurator<PublishedEventsConfigurator>());
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Every silo's copy of the rules.</summary>
    public IReadOnlyList<RuleSetCache> Caches() =>
        [.. Cluster.GetActiveSilos().Select(silo => ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<RuleSetCache>())];

    /// <summary>
    /// Stores a rule and waits until every silo holds it; answers how long after the acknowledgement that took, and how
    /// long from sending the change.
    /// </summary>
    public async Task<(RiskRule Rule, TimeSpan AfterAck, TimeSpan FromSend)> Put(string ruleId, RuleDraft draft)
    {
        var (rule, afterAck, fromSend, _) = await PutObserved(ruleId, draft);
        return (rule, afterAck, fromSend);
    }

    /// <summary><see cref="Put"/>, and whether every silo already held the change when it was acknowledged.</summary>
    public async Task<(RiskRule Rule, TimeSpan AfterAck, TimeSpan FromSend, bool HeldAtAck)> PutObserved(string ruleId, RuleDraft draft)
    {
        var sent = Stopwatch.StartNew();
        var rule = await Issuer.PutRiskRuleAsync(ruleId, draft);
        var acknowledgedAt = sent.Elapsed;
        var heldAtAck = Caches().All(cache => cache.Current.Version >= rule.Version);
        await Task.WhenAll(Caches().Select(cache => cache.WhenAtLeast(rule.Version))).WaitAsync(TimeSpan.FromSeconds(30));
        return (rule, sent.Elapsed - acknowledgedAt, sent.Elapsed, heldAtAck);
    }

    /// <summary>Turns the rules off (a test leaves none active for the next one).</summary>
    public async Task Off(params RiskRule[] rules)
    {
        foreach (var rule in rules)
        {
            await Put(rule.RuleId, new RuleDraft(rule.Kind, RiskMode.Off, rule.Action, rule.Params));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RiskClusterCollection : ICollectionFixture<RiskClusterFixture>
{
    public const string Name = "risk-cluster";
}
