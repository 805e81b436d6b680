using System.Globalization;

namespace BaiTiaoSwitch.Chaos;

/// <summary>The load client's settings, from its command line. Every bound is named.</summary>
public sealed record ChaosOptions(
    Uri Gateway,
    string ChannelsFile,
    TimeSpan Duration,
    int Concurrency,
    int Lines,
    long CreditLimit,
    int Seed,
    TimeSpan SettleMax,
    string? ResultsFile,
    string? StartedFile)
{
    public const string Usage = """
        Usage: BaiTiaoSwitch.Chaos --channels FILE [--gateway URL] [--minutes M] [--concurrency C] [--lines L]
                                   [--limit FEN] [--seed N] [--settle-seconds S] [--results FILE] [--started FILE]
        Opens L lines through the signed HTTP API, binds each card to two wallets, then drives C concurrent wallets for
        M minutes (authorize, then capture, refund, reverse or leave open), retrying every failed request with its own
        Idempotency-Key. Then it checks from the API alone that nothing acknowledged was lost or applied twice.
        --limit is line 0's credit limit (it fills up: declines at the edge); the other lines get 1,000 times as much.
        --started FILE is written when setup is done (chaos.sh starts killing then); --results FILE gets one line per
        check (PASS|name|detail or FAIL|name|detail). Exit code 0 only when every check passed.
        """;

    public static ChaosOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int Int(string name, int fallback, int min, int max) =>
            Value(name) is { } text ? (int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value
                : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'.")) : fallback;

        var channels = Value("--channels") ?? throw new ArgumentException("--channels FILE is required (deploy/local/channels.json).");
        var limit = Value("--limit") is { } fen ? long.Parse(fen, CultureInfo.InvariantCulture) : 2_000_000;
        return new ChaosOptions(
            new Uri(Value("--gateway") ?? "http://127.0.0.1:5180"),
            channels,
            TimeSpan.FromMinutes(double.Parse(Value("--minutes") ?? "2", CultureInfo.InvariantCulture)),
            Int("--concurrency", 16, 1, 256),
            Int("--lines", 4, 1, 64),
            limit is >= 10_000 and <= 1_000_000_000_000 ? limit : throw new ArgumentException("--limit must be from 10000 to 10^12 fen."),
            Int("--seed", 1, 0, int.MaxValue),
            TimeSpan.FromSeconds(Int("--settle-seconds", 240, 10, 3600)),
            Value("--results"),
            Value("--started"));
    }
}
