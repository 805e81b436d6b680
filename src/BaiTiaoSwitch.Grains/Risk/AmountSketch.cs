using System.Numerics;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// A bounded sketch of the holder's own approved amounts, for amount_spike: counts in logarithmic buckets (four per
/// power of two, so a bucket spans at most 25% of its lower bound), sparse, at most 160 buckets for amounts up to
/// 10^12. Its median is the upper bound of the bucket the middle amount falls in: within 25% of the true median, never
/// below it. Past <c>AmountSketchWeightMax</c> amounts every count is halved, so it follows recent habits and stays
/// bounded. Integer arithmetic only: the same amounts give the same sketch on every machine.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.AmountSketch")]
public sealed record AmountSketch(
    [property: Id(0)] int[] Buckets,
    [property: Id(1)] int[] Counts,
    [property: Id(2)] int Weight)
{
    public static readonly AmountSketch Empty = new([], [], 0);

    public AmountSketch Add(long amount, int weightMax)
    {
        var bucket = BucketOf(amount);
        var at = Array.BinarySearch(Buckets, bucket);
        int[] buckets, counts;
        if (at >= 0)
        {
            buckets = Buckets;
            counts = (int[])Counts.Clone();
            counts[at]++;
        }
        else
        {
            at = ~at;
            buckets = [.. Buckets[..at], bucket, .. Buckets[at..]];
            counts = [.. Counts[..at], 1, .. Counts[at..]];
        }

        var weight = Weight + 1;
        if (weight <= weightMax)
        {
            return new AmountSketch(buckets, counts, weight);
        }

        var kept = Enumerable.Range(0, buckets.Length).Where(i => counts[i] / 2 > 0).ToArray();
        var halved = kept.Select(i => counts[i] / 2).ToArray();
        return new AmountSketch([.. kept.Select(i => buckets[i])], halved, halved.Sum());
    }

    /// <summary>The upper bound of the bucket holding the middle amount; 0 for an empty sketch.</summary>
    public long Median()
    {
        var middle = (Weight + 1) / 2;
        var seen = 0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            seen += Counts[i];
            if (seen >= middle)
            {
                return UpperBound(Buckets[i]);
            }
        }

        return 0;
    }

    internal static int BucketOf(long amount)
    {
        var power = 63 - BitOperations.LeadingZeroCount((ulong)Math.Max(1, amount));
        return power < 2 ? (int)Math.Max(1, amount) - 1 : (power * 4) + (int)((amount >> (power - 2)) & 3);
    }

    internal static long UpperBound(int bucket)
    {
        if (bucket < 8)
        {
            return bucket + 1;
        }

        var power = bucket / 4;
        var quarter = bucket % 4;
        return ((4L + quarter + 1) << (power - 2)) - 1;
    }
}
