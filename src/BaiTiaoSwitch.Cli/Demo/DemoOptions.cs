using System.Globalization;
using BaiTiaoSwitch.Cli.CommandLine;
using BaiTiaoSwitch.Cli.Drivers;
using BaiTiaoSwitch.Cli.Output;
using Microsoft.Extensions.Configuration;

namespace BaiTiaoSwitch.Cli.Demo;

/// <summary>The settings of <c>bts demo</c>, validated; every bad one is reported by name.</summary>
public sealed record DemoOptions
{
    public const long LimitMinFen = 100 * Yuan.FenPerYuan;
    public const long LimitMaxFen = 10_000_000 * Yuan.FenPerYuan;

    public DemoVia Via { get; init; } = DemoVia.Sdk;

    public long LimitFen { get; init; } = 5_000 * Yuan.FenPerYuan;

    public int Seed { get; init; }

    public bool SeedGiven { get; init; }

    public string StorageConnectionString { get; init; } = "UseDevelopmentStorage=true";

    /// <summary>Prefix of the switch's table names, as the silos have it (<c>BaiTiaoSwitch:Storage:NamePrefix</c>).</summary>
    public string StorageNamePrefix { get; init; } = "bts";

    public string ClusterId { get; init; } = "baitiao-local";

    public string ServiceId { get; init; } = "baitiao-switch";

    public Uri Gateway { get; init; } = new("http://127.0.0.1:5080");

    public string? ChannelsFile { get; init; }

    public string IssuerChannel { get; init; } = "issuer";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool Verbose { get; init; }

    public static readonly IReadOnlySet<string> ValueOptions = new HashSet<string>(StringComparer.Ordinal)
    {
        "--via", "--limit", "--seed", "--storage", "--cluster-id", "--service-id", "--gateway", "--channels", "--issuer", "--timeout",
    };

    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "--verbose" };

    public const string Usage = """
        Usage: bts demo [options]

        Tells the story BaiTiaoSwitch exists for, against a running switch (start one with deploy/local/run.sh):
        a ¥5,000 line and a virtual card bound to Alipay and WeChat Pay; both wallets pay at once until the line is
        used up, and it is never overspent; captures, a reversal and a refund; the Alipay grant is revoked. Then the
        line as a credit product: a purchase turned into 12 installments (schedule and APR), the line's sandbox clock
        moved to its statement (the switch must run in sandbox mode), the statement printed and repaid, and the credit
        restored. Every guarantee shown is checked; the command exits 1 if one does not hold.

        Options:
          --via sdk|http          How to reach the switch (default: sdk).
                                    sdk:  the .NET client SDK, joined to the cluster as an Orleans client;
                                          the issuer makes the grants.
                                    http: the signed HTTP API of the gateway; cards are bound with
                                          identity verification and a one-time code (sandbox mode).
          --limit <yuan>          Credit limit of the demo line, from 100 to 10,000,000 (default: 5000).
          --seed <n>              Seed of the payment amounts, to repeat a run's plan (default: random).
          --issuer <channel>      The issuer channel that opens the line (default: issuer).
          --timeout <seconds>     How long to wait to connect, from 1 to 300 (default: 30).
          --channels <file>       The channels file: each channel's cluster key (sdk) and signing secret (http)
                                  (default: deploy/local/channels.json, looked up from the working directory).
          -h, --help              Show this help.
        sdk only:
          --storage <connection>  Storage connection string of the cluster's membership table
                                  (default: $BaiTiaoSwitch__Storage__ConnectionString, else local Azurite;
                                  table names follow $BaiTiaoSwitch__Storage__NamePrefix, else bts).
          --cluster-id <id>       The silos' cluster id (default: $BaiTiaoSwitch__Silo__ClusterId, else baitiao-local).
          --service-id <id>       The silos' service id (default: $BaiTiaoSwitch__Silo__ServiceId, else baitiao-switch).
          --verbose               Show the Orleans client's log on stderr.
        http only:
          --gateway <url>         Base address of the gateway (default: http://127.0.0.1:5080).

        Exit codes: 0 every check held; 1 a check failed; 2 bad usage; 3 the switch could not be reached or refused a step.
        """;

    /// <summary>
    /// Reads the options over defaults taken from <paramref name="environment"/> (the same keys as the silo's:
    /// <c>BaiTiaoSwitch:Storage:ConnectionString</c>, <c>BaiTiaoSwitch:Silo:ClusterId</c> and <c>ServiceId</c>).
    /// </summary>
    public static (DemoOptions? Options, IReadOnlyList<string> Errors, bool Help) Parse(IReadOnlyList<string> args, IConfiguration environment)
    {
        var arguments = Arguments.Parse(args, ValueOptions, Flags);
        if (arguments.Has("--help"))
        {
            return (null, [], true);
        }

        var errors = arguments.Errors;
        var options = new DemoOptions
        {
            StorageConnectionString = environment["BaiTiaoSwitch:Storage:ConnectionString"] is { Length: > 0 } storage ? storage : "UseDevelopmentStorage=true",
            StorageNamePrefix = environment["BaiTiaoSwitch:Storage:NamePrefix"] is { Length: > 0 } prefix ? prefix : "bts",
            ClusterId = environment["BaiTiaoSwitch:Silo:ClusterId"] is { Length: > 0 } cluster ? cluster : "baitiao-local",
            ServiceId = environment["BaiTiaoSwitch:Silo:ServiceId"] is { Length: > 0 } service ? service : "baitiao-switch",
            Seed = Random.Shared.Next(1, 1_000_000),
        };

        if (arguments.Value("--via") is { } via)
        {
            options = via.ToLowerInvariant() switch
            {
                "sdk" => options with { Via = DemoVia.Sdk },
                "http" => options with { Via = DemoVia.Http },
                _ => Fail(options, errors, $"--via must be 'sdk' or 'http', not '{via}'."),
            };
        }

        if (arguments.Value("--limit") is { } limitText)
        {
            options = Yuan.TryParse(limitText) is { } fen and >= LimitMinFen and <= LimitMaxFen
                ? options with { LimitFen = fen }
                : Fail(options, errors, $"--limit must be an amount in yuan from {LimitMinFen / Yuan.FenPerYuan} to {LimitMaxFen / Yuan.FenPerYuan:N0} (at most 2 decimals), not '{limitText}'.");
        }

        if (arguments.Value("--seed") is { } seedText)
        {
            options = int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
                ? options with { Seed = seed, SeedGiven = true }
                : Fail(options, errors, $"--seed must be a whole number from 0 to {int.MaxValue}, not '{seedText}'.");
        }

        if (arguments.Value("--timeout") is { } timeoutText)
        {
            options = int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 300
                ? options with { Timeout = TimeSpan.FromSeconds(seconds) }
                : Fail(options, errors, $"--timeout must be a whole number of seconds from 1 to 300, not '{timeoutText}'.");
        }

        if (arguments.Value("--issuer") is { } issuer)
        {
            options = Ids.IsWellFormed(issuer) ? options with { IssuerChannel = issuer } : Fail(options, errors, "--issuer must be a channel id: 1 to 64 characters of [A-Za-z0-9_-].");
        }

        if (arguments.Value("--storage") is { } connection)
        {
            options = string.IsNullOrWhiteSpace(connection)
                ? Fail(options, errors, "--storage must not be empty (use UseDevelopmentStorage=true for Azurite).")
                : options with { StorageConnectionString = connection };
        }

        if (arguments.Value("--cluster-id") is { } clusterId)
        {
            options = string.IsNullOrWhiteSpace(clusterId) ? Fail(options, errors, "--cluster-id must not be empty.") : options with { ClusterId = clusterId };
        }

        if (arguments.Value("--service-id") is { } serviceId)
        {
            options = string.IsNullOrWhiteSpace(serviceId) ? Fail(options, errors, "--service-id must not be empty.") : options with { ServiceId = serviceId };
        }

        if (arguments.Value("--gateway") is { } gateway)
        {
            options = Uri.TryCreate(gateway, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0
                ? options with { Gateway = uri }
                : Fail(options, errors, $"--gateway must be an http(s) base address with no path, like http://127.0.0.1:5080, not '{gateway}'.");
        }

        if (arguments.Value("--channels") is { } channels)
        {
            options = File.Exists(channels) ? options with { ChannelsFile = Path.GetFullPath(channels) } : Fail(options, errors, $"--channels names no file: '{channels}'.");
        }

        options = options with { Verbose = arguments.Has("--verbose") };
        var wrongMode = options.Via == DemoVia.Sdk
            ? new[] { "--gateway" }.Where(arguments.Has)
            : new[] { "--storage", "--cluster-id", "--service-id", "--verbose" }.Where(arguments.Has);
        foreach (var name in wrongMode)
        {
            errors.Add($"{name} applies to --via {(options.Via == DemoVia.Sdk ? "http" : "sdk")} only.");
        }

        if (errors.Count == 0 && options.ChannelsFile is null)
        {
            options = DevelopmentChannels.FindDefault() is { } found
                ? options with { ChannelsFile = found }
                : Fail(options, errors, $"No channels file: {DevelopmentChannels.DefaultRelativePath} is not in the working directory or above it; run from the repository or pass --channels.");
        }

        return (errors.Count == 0 ? options : null, errors, false);
    }

    private static DemoOptions Fail(DemoOptions options, List<string> errors, string error)
    {
        errors.Add(error);
        return options;
    }
}
