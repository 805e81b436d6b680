using System.Security.Cryptography;

namespace BaiTiaoSwitch.Cards;

/// <summary>16-digit card numbers under a BIN, with a Luhn check digit.</summary>
public static class CardNumbers
{
    public const int Length = 16;

    public static string Generate(string bin)
    {
        Span<char> digits = stackalloc char[Length];
        bin.AsSpan().CopyTo(digits);
        for (var i = bin.Length; i < Length - 1; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        digits[Length - 1] = (char)('0' + CheckDigit(digits[..(Length - 1)]));
        return new string(digits);
    }

    public static bool IsLuhnValid(ReadOnlySpan<char> number)
    {
        if (number.Length < 2 || !IsDigits(number))
        {
            return false;
        }

        return CheckDigit(number[..^1]) == number[^1] - '0';
    }

    public static bool IsDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The Luhn digit that makes <paramref name="payload"/> followed by it valid.</summary>
    public static int CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var digit = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10;
    }
}
