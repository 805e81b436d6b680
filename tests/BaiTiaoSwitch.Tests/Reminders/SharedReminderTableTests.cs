using System.Diagnostics.Metrics;
using BaiTiaoSwitch.Reminders;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Tests.Reminders;

/// <summary>
/// The reminder table on Azurite, with Orleans' semantics: upserts of many grains share transactions, a silo's ring range
/// reads exactly the reminders it covers, and a delete is conditional on the ETag.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SharedReminderTableTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Reminders_of_many_grains_upserted_at_once_share_transactions_and_each_reads_back()
    {
        var table = Table();
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrain()).ToList();
        using var batches = new ReminderBatches();

        var etags = await Task.WhenAll(grains.Select(grain => Task.Run(() => table.UpsertRow(Entry(grain, "upkeep", TimeSpan.FromMinutes(1))))));

        Assert.True(batches.Largest >= 2, $"the largest reminder transaction held {batches.Largest} change(s)");
        foreach (var (grain, etag) in grains.Zip(etags))
        {
            var row = await table.ReadRow(grain, "upkeep");
            Assert.Equal((grain, TimeSpan.FromMinutes(1), etag), (row!.GrainId, row.Period, row.ETag));
            Assert.Equal([grain], (await table.ReadRows(grain)).Reminders.Select(entry => entry.GrainId));
        }
    }

    [Fact]
    public async Task A_ring_range_read_returns_exactly_the_reminders_whose_hash_it_covers_also_when_it_wraps()
    {
        var table = Table();
        var grains = Enumerable.Range(0, 30).Select(_ => NewGrain()).ToList();
        await Task.WhenAll(grains.Select(grain => table.UpsertRow(Entry(grain, "upkeep", TimeSpan.FromMinutes(5)))));
        var hashes = grains.Select(grain => grain.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[7], hashes[21]);

        var inside = Mine(await table.ReadRows(low, high), grains);
        var wrapped = Mine(await table.ReadRows(high, low), grains);
        var all = Mine(await table.ReadRows(low, low), grains);

        Assert.Equal(grains.Where(grain => grain.GetUniformHashCode() > low && grain.GetUniformHashCode() <= high).ToHashSet(), inside);
        Assert.Equal(grains.Except(inside).ToHashSet(), wrapped);
        Assert.Equal(grains.ToHashSet(), all);
    }

    [Fact]
    public async Task A_remove_with_a_stale_etag_is_refused_and_one_with_the_current_etag_removes()
    {
        var table = Table();
        var grain = NewGrain();
        var stale = await table.UpsertRow(Entry(grain, "upkeep", TimeSpan.FromMinutes(1)));
        var current = await table.UpsertRow(Entry(grain, "upkeep", TimeSpan.FromMinutes(2)));

        Assert.False(await table.RemoveRow(grain, "upkeep", stale!));
        Assert.Equal(TimeSpan.FromMinutes(2), (await table.ReadRow(grain, "upkeep"))!.Period);
        Assert.True(await table.RemoveRow(grain, "upkeep", current!));
        Assert.Null(await table.ReadRow(grain, "upkeep"));
        Assert.False(await table.RemoveRow(grain, "upkeep", current!));
    }

    private SharedReminderTable Table() => ActivatorUtilities.CreateInstance<SharedReminderTable>(SiloSide.Services(fixture.Cluster));

    private static GrainId NewGrain() => GrainId.Create("testreminder", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = DateTime.UtcNow, Period = period };

    private static HashSet<GrainId> Mine(ReminderTableData rows, List<GrainId> grains) =>
        rows.Reminders.Select(entry => entry.GrainId).Where(grains.Contains).ToHashSet();

    /// <summary>The largest reminder transaction recorded while it listens (other tests' transactions can only raise it).</summary>
    private sealed class ReminderBatches : IDisposable
    {
        private readonly MeterListener listener = new();
        private long largest;

        public ReminderBatches()
        {
            listener.InstrumentPublished = (instrument, meter) =>
            {
                if (instrument.Name == "bts.batch.size")
                {
                    meter.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, items, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "batch" && (string?)tag.Value == "reminders")
                    {
                        InterlockedMax(items);
                    }
                }
            });
            listener.Start();
        }

        public long Largest => Interlocked.Read(ref largest);

        public void Dispose() => listener.Dispose();

        private void InterlockedMax(long items)
        {
            for (var seen = Largest; items > seen; seen = Largest)
            {
                if (Interlocked.CompareExchange(ref largest, items, seen) == seen)
                {
                    return;
                }
            }
        }
    }
}
