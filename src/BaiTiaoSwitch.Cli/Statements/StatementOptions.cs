using BaiTiaoSwitch.Cli.Demo;
using Microsoft.Extensions.Configuration;

namespace BaiTiaoSwitch.Cli.Statements;

/// <summary>The settings of <c>bts statement</c>: the account, and how to reach the switch (the demo's connection options).</summary>
public sealed record StatementOptions(string AccountId, DemoOptions Connection)
{
    /// <summary>Options of the demo's story that say nothing about the connection.</summary>
    private static readonly string[] StoryOnly = ["--limit", "--seed"];

    public const string Usage = """
        Usage: bts statement <accountId> [options]

        Prints the account's newest statement (账单) with Chinese and English labels, money in yuan, the period and due
        date in China time (北京时间), and a list of the earlier statements. The issuer channel reads it.

        Options:
          --via sdk|http          How to reach the switch (default: sdk): the .NET client SDK, or the gateway's signed HTTP API.
          --issuer <channel>      The issuer channel that reads the statements (default: issuer).
          --timeout <seconds>     How long to wait to connect, from 1 to 300 (default: 30).
          --channels <file>       The channels file (default: deploy/local/channels.json, looked up from the working directory).
          -h, --help              Show this help.
        sdk only: --storage <connection>, --cluster-id <id>, --service-id <id>, --verbose (as for bts demo).
        http only: --gateway <url> (default: http://127.0.0.1:5080).

        Exit codes: 0 printed; 2 bad usage; 3 the switch could not be reached or refused (e.g. no such account).
        """;

    public static (StatementOptions? Options, IReadOnlyList<string> Errors, bool Help) Parse(IReadOnlyList<string> args, IConfiguration environment)
    {
        if (args.Any(arg => arg is "-h" or "--help"))
        {
            return (null, [], true);
        }

        var errors = new List<string>();
        var accountId = args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : null;
        if (accountId is null)
        {
            errors.Add("Give the account id first: bts statement <accountId>.");
        }
        else if (!Ids.IsWellFormed(accountId))
        {
            errors.Add("The account id must be 1 to 64 characters of [A-Za-z0-9_-].");
        }

        var rest = accountId is null ? args : args.Skip(1).ToList();
        foreach (var option in StoryOnly.Where(option => rest.Any(arg => arg == option || arg.StartsWith(option + "=", StringComparison.Ordinal))))
        {
            errors.Add($"{option} is an option of bts demo, not of bts statement.");
        }

        var (connection, connectionErrors, _) = DemoOptions.Parse(rest, environment);
        errors.AddRange(connectionErrors);
        return errors.Count == 0 && connection is not null ? (new StatementOptions(accountId!, connection), [], false) : (null, errors, false);
    }
}
