using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Client;

/// <summary>Names every bad setting at start; never echoes the connection string, which may hold a key.</summary>
internal sealed class BaiTiaoSwitchClientOptionsValidator : IValidateOptions<BaiTiaoSwitchClientOptions>
{
    public ValidateOptionsResult Validate(string? name, BaiTiaoSwitchClientOptions options)
    {
        var failures = new List<string>();
        if (!Ids.IsWellFormed(options.Channel))
        {
            failures.Add($"{nameof(options.Channel)} must be 1 to {Ids.IdLengthMax} characters of [A-Za-z0-9_-].");
        }

        if (string.IsNullOrWhiteSpace(options.StorageConnectionString))
        {
            failures.Add($"{nameof(options.StorageConnectionString)} is required (use \"UseDevelopmentStorage=true\" for Azurite).");
        }

        if (options.StorageNamePrefix is not { Length: >= 3 and <= 20 } || !options.StorageNamePrefix.All(char.IsAsciiLetterLower))
        {
            failures.Add($"{nameof(options.StorageNamePrefix)} must be the silos' 3 to 20 lowercase letters.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{nameof(options.ClusterId)} and {nameof(options.ServiceId)} are required and must match the silos'.");
        }

        if (options.ResponseTimeout <= TimeSpan.Zero || options.ResponseTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{nameof(options.ResponseTimeout)} must be between 0 and 30 seconds.");
        }

        if (options.RetriesMax is < 0 or > 10)
        {
            failures.Add($"{nameof(options.RetriesMax)} must be from 0 to 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
