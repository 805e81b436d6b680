namespace BaiTiaoSwitch.Cli.CommandLine;

/// <summary>
/// <c>--name value</c>, <c>--name=value</c> and bare <c>--flag</c> options, checked against the names a command knows.
/// Every problem is collected, so one run reports all of them.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public List<string> Errors { get; } = [];

    public static Arguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                parsed.values["--help"] = null;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Errors.Add($"Unexpected argument '{arg}': options start with --.");
            }
            else if (flags.Contains(name))
            {
                if (equals > 0)
                {
                    parsed.Errors.Add($"Option {name} takes no value.");
                }

                parsed.values[name] = null;
            }
            else if (!valueOptions.Contains(name))
            {
                parsed.Errors.Add($"Unknown option '{name}'.");
            }
            else if (equals > 0)
            {
                parsed.Set(name, arg[(equals + 1)..]);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Set(name, args[++i]);
            }
            else
            {
                parsed.Errors.Add($"Option {name} needs a value.");
            }
        }

        return parsed;
    }

    public bool Has(string name) => values.ContainsKey(name);

    public string? Value(string name) => values.GetValueOrDefault(name);

    private void Set(string name, string value)
    {
        if (values.ContainsKey(name))
        {
            Errors.Add($"Option {name} is given twice.");
        }

        values[name] = value;
    }
}
