using System.Globalization;

namespace BaiTiaoSwitch.Cli.Output;

/// <summary>Formats fen (the minor unit of CNY) as yuan for people: 500000 → ¥5,000.00. Integer arithmetic only.</summary>
public static class Yuan
{
    public const long FenPerYuan = 100;

    public static string Format(long fen)
    {
        var sign = fen < 0 ? "-" : "";
        var magnitude = fen == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(fen);
        var yuan = magnitude / FenPerYuan;
        var cents = magnitude % FenPerYuan;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}¥{yuan:N0}.{cents:00}");
    }

    /// <summary>Parses a yuan amount typed by a person ("5000", "5,000.50", "¥88.8") into fen; null when it is not one.</summary>
    public static long? TryParse(string text)
    {
        var cleaned = text.Trim().TrimStart('¥').Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
        {
            return null;
        }

        var fen = yuan * FenPerYuan;
        if (fen != decimal.Truncate(fen) || fen > long.MaxValue)
        {
            return null;
        }

        return (long)fen;
    }
}
