using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Credit;

/// <summary>Names every bad credit setting at start.</summary>
public sealed class CreditOptionsValidator : IValidateOptions<CreditOptions>
{
    public ValidateOptionsResult Validate(string? name, CreditOptions options)
    {
        var failures = new List<string>();
        Check(failures, options.StatementsHotMax is >= 2 and <= 120, nameof(options.StatementsHotMax), "must be from 2 to 120 (they live in the credit grain's state)");
        Check(failures, options.ActivePlansMax is >= 1 and <= 1_000, nameof(options.ActivePlansMax), "must be from 1 to 1000 (they live in the credit grain's state)");
        Check(failures, options.AnswersMax is >= 1 and <= 10_000, nameof(options.AnswersMax), "must be from 1 to 10000");
        Check(failures, options.StatementsListedMax is >= 1 and <= 600, nameof(options.StatementsListedMax), "must be from 1 to 600");
        Check(failures, options.DuePeriod >= TimeSpan.FromSeconds(1) && options.DuePeriod <= TimeSpan.FromDays(1), nameof(options.DuePeriod), "must be from 1 second to 1 day (an Orleans reminder's period)");
        Check(failures, options.ReminderWaitMax >= TimeSpan.Zero && options.ReminderWaitMax <= TimeSpan.FromSeconds(10), nameof(options.ReminderWaitMax), "must be from 0 to 10 seconds (a caller waits on it)");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, bool ok, string setting, string rule)
    {
        if (!ok)
        {
            failures.Add($"{setting} {rule}.");
        }
    }
}
