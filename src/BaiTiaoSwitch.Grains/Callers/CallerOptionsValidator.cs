using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Callers;

/// <summary>Names every bad caller setting at start, never printing a key.</summary>
internal sealed class CallerOptionsValidator(IHostEnvironment environment) : IValidateOptions<CallerOptions>
{
    public ValidateOptionsResult Validate(string? name, CallerOptions options)
    {
        var failures = new List<string>();
        if (options.Callers.Count == 0)
        {
            failures.Add("Callers is empty: configure each channel that may call the cluster with its Channel, Role and Key (its cluster key).");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Callers.Count; i++)
        {
            var caller = options.Callers[i];
            var setting = $"Callers:{i}";
            if (caller is null)
            {
                failures.Add($"{setting} is empty.");
                continue;
            }

            failures.AddRange(caller.Problems(setting + ":"));
            if (Ids.IsWellFormed(caller.Channel) && !seen.Add(caller.Channel))
            {
                failures.Add($"{setting}:Channel '{caller.Channel}' is configured twice.");
            }

            if (KeyMaterial.IsLocalDevelopment(caller.Key) && !environment.IsDevelopment())
            {
                failures.Add($"{setting}:Key of channel '{caller.Channel}' is a public local-development key; outside the Development environment configure a real key from a secret store.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
