namespace BaiTiaoSwitch.Credit;

/// <summary>Names every bad setting of a version of the credit terms, so a bad version is refused whole.</summary>
public static class CreditTermsValidator
{
    /// <summary>The largest fee rate per period: 10% (a plan above the APR cap is refused anyway; this bounds the arithmetic).</summary>
    public static readonly Rate FeeRatePerPeriodMax = Rate.Percent(10m);

    /// <summary>The largest daily late fee rate: 1% a day.</summary>
    public static readonly Rate LateFeeDailyRateMax = Rate.Percent(1m);

    /// <summary>The due date must come before the next cut in the shortest month (28 days).</summary>
    public const int StatementDueDaysMax = 27;

    public static IReadOnlyList<string> Problems(CreditTerms? terms)
    {
        if (terms is null)
        {
            return ["CreditTerms must be given."];
        }

        var failures = new List<string>();
        Check(failures, terms.Version >= 1, nameof(terms.Version), "must be 1 or more");
        if (terms.Installments is not { Count: > 0 })
        {
            failures.Add($"{nameof(terms.Installments)} must offer at least one period count.");
        }
        else
        {
            for (var i = 0; i < terms.Installments.Count; i++)
            {
                var option = terms.Installments[i];
                var name = $"{nameof(terms.Installments)}[{i}]";
                if (option is null)
                {
                    failures.Add($"{name} must be given.");
                    continue;
                }

                Check(failures, CreditTerms.AllowedPeriodCounts.Contains(option.Periods), $"{name}.{nameof(option.Periods)}", $"must be one of {string.Join(", ", CreditTerms.AllowedPeriodCounts)}");
                Check(failures, terms.Installments.Count(other => other?.Periods == option.Periods) == 1, $"{name}.{nameof(option.Periods)}", "must be offered once");
                Check(failures, InRange(option.FeeRatePerPeriod, Rate.Zero, FeeRatePerPeriodMax), $"{name}.{nameof(option.FeeRatePerPeriod)}", $"must be from 0 to {FeeRatePerPeriodMax}");
            }
        }

        Check(failures, InRange(terms.AprCap, new Rate(1), Rate.Percent(100m)), nameof(terms.AprCap), "must be more than 0 and at most 100%");
        Check(failures, terms.StatementDueDays is >= 1 and <= StatementDueDaysMax, nameof(terms.StatementDueDays), $"must be from 1 to {StatementDueDaysMax} (the due date comes before the next cut)");
        Check(failures, terms.BillingDayDefault is >= StatementPeriods.BillingDayMin and <= StatementPeriods.BillingDayMax, nameof(terms.BillingDayDefault), $"must be from {StatementPeriods.BillingDayMin} to {StatementPeriods.BillingDayMax} (every month has it)");
        Check(failures, InRange(terms.MinimumPaymentRate, new Rate(1), Rate.Percent(100m)), nameof(terms.MinimumPaymentRate), "must be more than 0 and at most 100%");
        Check(failures, InRange(terms.LateFeeDailyRate, Rate.Zero, LateFeeDailyRateMax), nameof(terms.LateFeeDailyRate), $"must be from 0 to {LateFeeDailyRateMax}");
        Check(failures, InRange(terms.LateFeeCapRate, Rate.Zero, Rate.Percent(100m)), nameof(terms.LateFeeCapRate), "must be from 0 to 100% of the amount that went overdue");
        Check(failures, terms.UtcOffset >= TimeSpan.FromHours(-14) && terms.UtcOffset <= TimeSpan.FromHours(14) && terms.UtcOffset.Ticks % TimeSpan.TicksPerMinute == 0, nameof(terms.UtcOffset), "must be a whole-minute UTC offset from -14:00 to +14:00");
        return failures;
    }

    /// <summary>Throws <see cref="InvalidRequestException"/> (<c>invalid_request</c>) naming every bad setting.</summary>
    public static CreditTerms Require(CreditTerms? terms)
    {
        var problems = Problems(terms);
        return problems.Count == 0 ? terms! : throw new InvalidRequestException(ErrorCodes.InvalidRequest, "Bad credit terms: " + string.Join(" ", problems));
    }

    private static bool InRange(Rate rate, Rate low, Rate high) => rate.PartsPerMillion >= low.PartsPerMillion && rate.PartsPerMillion <= high.PartsPerMillion;

    private static void Check(List<string> failures, bool ok, string setting, string rule)
    {
        if (!ok)
        {
            failures.Add($"{setting} {rule}.");
        }
    }
}
