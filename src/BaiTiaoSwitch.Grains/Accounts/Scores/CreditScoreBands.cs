namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The pure rule of the score bands: which band a score is in, and the credit limit it gives. The limit is the issuer's
/// limit times the band's percent, rounded down to the fen (a band never gives more than its share).
/// </summary>
public sealed class CreditScoreBands
{
    private readonly CreditScoreBand[] highestFirst;

    public CreditScoreBands(CreditScoreBandOptions options) => highestFirst = [.. options.Effective];

    /// <summary>The bands of API.md.</summary>
    public static CreditScoreBands Default { get; } = new(new CreditScoreBandOptions());

    /// <summary>The band's rank: 0 for the highest band, larger for lower ones.</summary>
    public int RankOf(int score)
    {
        for (var rank = 0; rank < highestFirst.Length; rank++)
        {
            if (score >= highestFirst[rank].ScoreMin)
            {
                return rank;
            }
        }

        return highestFirst.Length - 1;
    }

    public int PercentOf(int score) => highestFirst[RankOf(score)].LimitPercent;

    public long LimitFor(long issuerLimit, int score) => checked(issuerLimit * PercentOf(score)) / 100;
}
