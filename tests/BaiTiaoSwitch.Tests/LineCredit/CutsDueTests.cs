using System.Collections.Concurrent;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Tests.LineCredit;

/// <summary>
/// A line whose period passed its cut tells the credit products (its upkeep), so that a line that never used a credit
/// product still gets its statements cut and never fills <see cref="SwitchOptions.CreditOpenPeriodsMax"/>.
/// </summary>
public sealed class CutsDueTests
{
    [Fact]
    public async Task A_line_with_an_open_period_past_its_cut_tells_the_credit_products_and_not_before()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(1, configure: builder => builder.AddSiloBuilderConfigurator<Recording>());
        await cluster.DeployAsync();
        try
        {
            var line = await CreditLines.Create(cluster);
            await line.Purchase(1_000);
            await line.Account.ExpireHolds();
            Assert.False(RecordedCutsDue.WhenTold(line.Scenario.AccountId).IsCompleted, "told before any cut was due");

            await line.ClockPastOldestCut();

            await RecordedCutsDue.WhenTold(line.Scenario.AccountId).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class Recording : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.Services.AddSingleton<ICreditCutsDue, RecordedCutsDue>();
    }

    private sealed class RecordedCutsDue : ICreditCutsDue
    {
        private static readonly ConcurrentDictionary<string, TaskCompletionSource> Told = new(StringComparer.Ordinal);

        public static Task WhenTold(string accountId) => Told.GetOrAdd(accountId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public Task CutsDue(string accountId)
        {
            Told.GetOrAdd(accountId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return Task.CompletedTask;
        }
    }
}
