using BaiTiaoSwitch.Risk.CrossAccount;
using Xunit;
using static BaiTiaoSwitch.Tests.Risk.Verdicts.Signals;

namespace BaiTiaoSwitch.Tests.Risk.Verdicts;

/// <summary>A monitor's sliding window: idempotent by event id, bounded in time and in entries, ordered by time.</summary>
public sealed class SignalMonitorVerdictTests
{
    [Fact]
    public void A_decision_delivered_again_is_not_counted_again()
    {
        var monitor = new SignalMonitor("device:d-1", new VerdictOptions());
        var entry = Entry(Payment("a-1"));

        Assert.True(monitor.Observe(entry));
        Assert.False(monitor.Observe(entry));
        Assert.Single(monitor.Verdict(1).Entries);
    }

    [Fact]
    public void Decisions_older_than_the_longest_window_leave_and_late_ones_are_not_taken()
    {
        var monitor = new SignalMonitor("device:d-1", new VerdictOptions { WindowMax = TimeSpan.FromMinutes(10) });
        monitor.Observe(Entry(Payment("a-1", at: Now)));
        monitor.Observe(Entry(Payment("a-2", at: Now.AddMinutes(5))));
        monitor.Observe(Entry(Payment("a-3", at: Now.AddMinutes(10))));

        Assert.Equal(["a-2", "a-3"], monitor.Verdict(1).Entries.Select(entry => entry.AccountId));
        Assert.False(monitor.Observe(Entry(Payment("a-0", at: Now))));
    }

    [Fact]
    public void A_monitor_keeps_at_most_entries_per_subject_max_the_newest()
    {
        var monitor = new SignalMonitor("merchant:m-1", new VerdictOptions { EntriesPerSubjectMax = 3 });
        for (var i = 0; i < 5; i++)
        {
            monitor.Observe(Entry(Payment("a-" + i, at: Now.AddSeconds(i))));
        }

        Assert.Equal(["a-2", "a-3", "a-4"], monitor.Verdict(1).Entries.Select(entry => entry.AccountId));
        Assert.False(monitor.Observe(Entry(Payment("a-old", at: Now))));
    }

    [Fact]
    public void Decisions_arriving_out_of_order_are_kept_in_time_order()
    {
        var monitor = new SignalMonitor("merchant:m-1", new VerdictOptions());
        monitor.Observe(Entry(Payment("a-2", at: Now.AddSeconds(2))));
        monitor.Observe(Entry(Payment("a-1", at: Now.AddSeconds(1))));
        monitor.Observe(Entry(Payment("a-3", at: Now.AddSeconds(3))));

        Assert.Equal(["a-1", "a-2", "a-3"], monitor.Verdict(1).Entries.Select(entry => entry.AccountId));
    }

    [Fact]
    public void A_cache_keeps_the_newest_verdict_of_a_subject_whatever_the_order_they_arrive_in()
    {
        var cache = new VerdictCache(Microsoft.Extensions.Options.Options.Create(new VerdictOptions()));
        var monitor = new SignalMonitor("device:d-1", new VerdictOptions());
        monitor.Observe(Entry(Payment("a-1")));
        var older = monitor.Verdict(1);
        monitor.Observe(Entry(Payment("a-2")));
        var newer = monitor.Verdict(2);

        cache.Accept(newer);
        cache.Accept(older);

        Assert.Equal(2, cache.Window("device:d-1")!.Entries.Count);
    }

    [Fact]
    public void A_cache_holds_at_most_cached_subjects_max_dropping_the_stalest()
    {
        var cache = new VerdictCache(Microsoft.Extensions.Options.Options.Create(new VerdictOptions { CachedSubjectsMax = 10 }));
        for (var i = 0; i < 11; i++)
        {
            var monitor = new SignalMonitor("device:d-" + i, new VerdictOptions());
            monitor.Observe(Entry(Payment("a-" + i, at: Now.AddSeconds(i))));
            cache.Accept(monitor.Verdict(1));
        }

        Assert.True(cache.Count <= 10);
        Assert.Null(cache.Window("device:d-0"));
        Assert.NotNull(cache.Window("device:d-10"));
    }
}
