using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Client;

/// <summary>
/// Names every bad setting at start; never echoes the key, the connection string (it may hold a key) or a password.
/// TLS and real keys are required outside the Development environment (and where no host environment is known).
/// </summary>
internal sealed class BaiTiaoSwitchClientOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<BaiTiaoSwitchClientOptions>
{
    public ValidateOptionsResult Validate(string? name, BaiTiaoSwitchClientOptions options)
    {
        var failures = new List<string>();
        var isDevelopment = environment?.IsDevelopment() == true;
        if (options.Credential is { } credential)
        {
            failures.AddRange(credential.Problems());
            if (KeyMaterial.IsLocalDevelopment(options.Key) && !isDevelopment)
            {
                failures.Add($"{nameof(options.Key)} is a public local-development key; outside the Development environment use the channel's real cluster key.");
            }
        }

        if (!options.Tls.Enabled && !isDevelopment)
        {
            failures.Add("Tls:Enabled must be true outside the Development environment: the cluster is reached over TLS (set Tls:CertificatePath to the cluster's certificate, or rely on the machine's trust store).");
        }

        if (options.Tls.Enabled)
        {
            failures.AddRange(ClusterTls.Problems(options.Tls));
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
