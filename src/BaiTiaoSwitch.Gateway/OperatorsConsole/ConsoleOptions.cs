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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
