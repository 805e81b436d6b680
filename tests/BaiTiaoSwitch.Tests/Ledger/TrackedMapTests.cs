using BaiTiaoSwitch.Accounts;
using Xunit;

namespace BaiTiaoSwitch.Tests.Ledger;

/// <summary>
/// A tracked map reports exactly what changed since the last take, whether it was ever used or not (its storage is
/// made on first use, so an empty map must behave as an empty map, not as a missing one).
/// </summary>
public sealed class TrackedMapTests
{
    private sealed record Value(int N);

    [Fact]
    public void A_map_never_written_is_empty_and_has_nothing_to_take()
    {
        var map = new TrackedMap<Value>();

        Assert.Equal(0, map.Count);
        Assert.Empty(map.Values);
        Assert.Null(map.Find("a"));
        Assert.False(map.Remove("a"));
        Assert.False(map.HasChanges);
        var (changed, removed) = map.TakeChanges();
        Assert.Empty(changed);
        Assert.Empty(removed);
    }

    [Fact]
    public void A_take_reports_the_values_set_and_the_keys_removed_since_the_last_take()
    {
        var map = new TrackedMap<Value>();
        map.Set("a", new Value(1));
        map.Set("b", new Value(2));
        Assert.Equal([new Value(1), new Value(2)], map.TakeChanges().Changed.OrderBy(value => value.N));

        map.Remove("a");
        map.Set("b", new Value(3));
        map.Set("c", new Value(4));
        map.Remove("c");
        var (changed, removed) = map.TakeKeyedChanges();

        Assert.Equal(new Dictionary<string, Value> { ["b"] = new Value(3) }, changed);
        Assert.Equal(["a", "c"], removed.Order());
        Assert.False(map.HasChanges);
        Assert.Equal(["b"], map.Values.Keys);
    }

    [Fact]
    public void A_replay_marks_nothing_changed()
    {
        var map = new TrackedMap<Value>();

        map.Apply([new("a", new Value(1)), new("b", new Value(2))], ["b", "x"]);

        Assert.Equal(["a"], map.Values.Keys);
        Assert.False(map.HasChanges);
    }
}
