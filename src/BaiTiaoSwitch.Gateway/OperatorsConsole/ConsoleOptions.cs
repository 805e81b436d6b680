using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.OperatorsConsole;

/// <summary>The operators' console at <c>/console</c> (section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>
    /// The issuer channel the console acts as when it calls the API for an operator (alerts, resolve, unfreeze, the
    /// event stream): its requests are signed with that channel's secret, inside the gateway, after the operator passed
    /// the operators' door. The browser never sees the secret.
    /// </summary>
    public string Channel { get; set; } = "issuer";

    /// <summary>How many recent events the console's own feed keeps, for a page that opens late.</summary>
    public int FeedReplayMax { get; set; } = 200;

    /// <summary>How many events may wait for one slow browser before it is dropped (it reconnects and replays).</summary>
    public int FeedListenerBacklogMax { get; set; } = 1_000;

    /// <summary>How often an idle feed sends a comment line, so that proxies keep the connection open.</summary>
    public TimeSpan FeedHeartbeat { get; set; } = TimeSpan.FromSeconds(15);
}

public sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Channel))
        {
            failures.Add("Console:Channel must name an issuer channel of Gateway:Channels.");
        }

        if (options.FeedReplayMax is < 0 or > 100_000)
        {
            failures.Add("Console:FeedReplayMax must be from 0 to 100000.");
        }

        if (options.FeedListenerBacklogMax is < 10 or > 1_000_000)
        {
            failures.Add("Console:FeedListenerBacklogMax must be from 10 to 1000000.");
        }

        if (options.FeedHeartbeat < TimeSpan.FromSeconds(1) || options.FeedHeartbeat > TimeSpan.FromMinutes(5))
        {
            failures.Add("Console:FeedHeartbeat must be from 1 second to 5 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
