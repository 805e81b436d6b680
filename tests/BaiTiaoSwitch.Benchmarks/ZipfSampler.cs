namespace BaiTiaoSwitch.Benchmarks;

/// <summary>Ranks 0..n-1 with P(k) proportional to 1/(k+1)^s: a few lines are hot, most are cold.</summary>
public sealed class ZipfSampler
{
    private readonly double[] cumulative;

    public ZipfSampler(int count, double exponent)
    {
        cumulative = new double[count];
        var sum = 0.0;
        for (var k = 0; k < count; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, exponent);
            cumulative[k] = sum;
        }

        for (var k = 0; k < count; k++)
        {
            cumulative[k] /= sum;
        }
    }

    /// <summary>The share of all traffic that goes to rank <paramref name="rank"/>.</summary>
    public double Share(int rank) => cumulative[rank] - (rank == 0 ? 0 : cumulative[rank - 1]);

    public int Next(Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}
