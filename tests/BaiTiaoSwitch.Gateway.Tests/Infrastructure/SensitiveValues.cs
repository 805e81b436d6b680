using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>The sensitive values the tests used, and the scan that fails when any of them, or any card number, was logged.</summary>
public static partial class SensitiveValues
{
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    public static string Remember(string value, string kind)
    {
        Known[value] = kind;
        return value;
    }

    public static IEnumerable<string> Findings(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            foreach (Match match in SixteenDigits().Matches(line))
            {
                if (IsLuhnValid(match.Value))
                {
                    yield return $"a Luhn-valid 16-digit number in: {Excerpt(line)}";
                }
            }

            foreach (var (value, kind) in Known)
            {
                if (line.Contains(value, StringComparison.Ordinal))
                {
                    yield return $"a test {kind} in: {Excerpt(line)}";
                }
            }
        }
    }

    public static void AssertAbsentFrom(IEnumerable<string> lines)
    {
        var findings = Findings(lines).Take(5).ToList();
        Assert.True(findings.Count == 0, "Sensitive values reached the logs:\n" + string.Join("\n", findings));
    }

    public static bool IsLuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    // The finding names the line's shape, never the value itself, so the test output holds no card number either.
    private static string Excerpt(string line) => SixteenDigits().Replace(line.Length > 300 ? line[..300] : line, "<16 digits>")
        .Replace(Known.Keys.FirstOrDefault(line.Contains) ?? "\u0000", "<value>", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<!\d)\d{16}(?!\d)")]
    private static partial Regex SixteenDigits();
}
