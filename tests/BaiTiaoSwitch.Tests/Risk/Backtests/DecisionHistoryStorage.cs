using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk.Backtests;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Risk.Backtests;

/// <summary>A decision history of its own service id on the cluster's Azurite (so every blob under its prefix is the test's), and ways to look at its blobs.</summary>
public sealed class DecisionHistoryStorage
{
    private DecisionHistoryStorage(TestCluster cluster, string serviceId)
    {
        Services = SiloSide.Services(cluster);
        ServiceId = serviceId;
        var storage = Services.GetRequiredService<IOptions<SwitchStorageOptions>>().Value;
        Container = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(BlobDecisionHistory.ContainerName(storage));
    }

    public IServiceProvider Services { get; }

    public string ServiceId { get; }

    public BlobContainerClient Container { get; }

    public static DecisionHistoryStorage Create(TestCluster cluster) => new(cluster, "history-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>A writer (think: one silo's) of this service's history.</summary>
    public BlobDecisionHistory Writer(BacktestOptions? options = null) =>
        new(Services.GetRequiredService<IOptions<SwitchStorageOptions>>(), Options.Create(new ClusterOptions { ServiceId = ServiceId }), Options.Create(options ?? new BacktestOptions()),
            Services.GetRequiredService<Serializer>());

    public async Task<List<BlobItem>> Blobs(DateTimeOffset hour)
    {
        var blobs = new List<BlobItem>();
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = DecisionBlobNames.HourPrefix(ServiceId, hour), Traits = BlobTraits.Metadata }))
        {
            blobs.Add(blob);
        }

        return blobs;
    }

    /// <summary>Every decision a blob holds, as stored (duplicates included).</summary>
    public async Task<List<SwitchEvent>> Stored(string name) =>
        DecisionFrames.Read(Services.GetRequiredService<Serializer>(), (await Container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToMemory(), name);

    public static async Task<List<SwitchEvent>> ReadAll(IDecisionHistory history, DateTimeOffset from, DateTimeOffset to)
    {
        var read = new List<SwitchEvent>();
        await foreach (var decision in history.Read(from, to))
        {
            read.Add(decision);
        }

        return read;
    }

    /// <summary><paramref name="count"/> decisions of one line from <paramref name="firstVersion"/>, a second apart from <paramref name="start"/>.</summary>
    public static List<SwitchEvent> Message(string accountId, long firstVersion, int count, DateTimeOffset start) =>
        [.. Enumerable.Range(0, count).Select(index => Decision(accountId, firstVersion + index, start.AddSeconds(index)))];

    public static SwitchEvent Decision(string accountId, long version, DateTimeOffset at) =>
        new(SwitchEvent.IdOf(accountId, version, 0), accountId, at,
            new DecisionEvent($"auth-{accountId}-{version}", "grant-1", "card-1", "alipay", Money.Fen(100), Scenario.Shop, null, BaiTiaoSwitch.Payments.Decision.Approved, null, [], at), null);

    /// <summary>Event ids in original order.</summary>
    public static List<string> InOrder(IEnumerable<SwitchEvent> decisions) => [.. decisions.Order(OriginalOrder.Instance).Select(decision => decision.EventId)];
}
