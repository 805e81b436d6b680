namespace BaiTiaoSwitch.Cards;

/// <summary>Where new card numbers come from. A seam of the silo's services, so that a test can force a collision.</summary>
public interface ICardNumberSource
{
    /// <summary>A 16-digit, Luhn-valid number under <paramref name="bin"/>. It may be one that is already taken.</summary>
    string Next(string bin);
}

/// <summary>Uniformly random numbers under the BIN (a cryptographic generator).</summary>
public sealed class RandomCardNumbers : ICardNumberSource
{
    public string Next(string bin) => CardNumbers.Generate(bin);
}
