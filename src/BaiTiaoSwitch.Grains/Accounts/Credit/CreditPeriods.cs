using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The line's credit movements bucketed by statement period, as per-kind totals: a movement counts in the period the
/// account's clock is in when it happens (<see cref="StatementPeriods.CutDateOf"/>). Only periods not yet cut are kept,
/// at most <see cref="SwitchOptions.CreditOpenPeriodsMax"/>: a movement that would open one more is refused as
/// overloaded (retryable, nothing written) until the credit grain cuts and acknowledges the oldest.
/// </summary>
public static class CreditPeriods
{
    /// <summary>The line's billing calendar: its billing day (the terms' default for a line opened before billing days).</summary>
    public static StatementPeriods Calendar(AccountBook book) =>
        StatementPeriods.For(book.Header.BillingDay == 0 ? null : book.Header.BillingDay, book.Options.CreditTerms);

    public static int BillingDayOf(AccountBook book) => Calendar(book).BillingDay;

    /// <summary>The cut date of the period an instant is in; a period already acknowledged as cut is never reopened.</summary>
    public static DateOnly PeriodOf(AccountBook book, DateTimeOffset at)
    {
        var cut = Calendar(book).CutDateOf(at);
        return book.Header.LastCut is { } last && cut <= last ? last.AddMonths(1) : cut;
    }

    /// <summary>Throws (overloaded, nothing written) when a movement at <paramref name="at"/> would open a period past the bound.</summary>
    public static void RequireRoom(AccountBook book, DateTimeOffset at)
    {
        var periods = book.Credit.Periods;
        if (periods.Find(CreditBook.KeyOf(PeriodOf(book, at))) is null && periods.Count >= book.Options.CreditOpenPeriodsMax)
        {
            throw new SwitchOverloadedException("This line's statements are behind (too many periods not yet cut); retry with the same key shortly.");
        }
    }

    /// <summary>Adds a movement of <paramref name="amount"/> to the bucket of <paramref name="cutDate"/> (created if it is new).</summary>
    public static void Add(AccountBook book, DateOnly cutDate, CreditMovementKind kind, long amount, DateTimeOffset at)
    {
        if (amount == 0)
        {
            return;
        }

        var key = CreditBook.KeyOf(cutDate);
        var totals = book.Credit.Periods.Find(key) ?? PeriodTotals.Empty(cutDate, at);
        totals = kind switch
        {
            CreditMovementKind.Purchase => totals with { Purchases = checked(totals.Purchases + amount) },
            CreditMovementKind.Refund => totals with { Refunds = checked(totals.Refunds + amount) },
            CreditMovementKind.ConvertedToInstallments => totals with { ConvertedToInstallments = checked(totals.ConvertedToInstallments + amount) },
            CreditMovementKind.PrincipalCorrection => totals with { PrincipalCorrections = checked(totals.PrincipalCorrections + amount) },
            CreditMovementKind.RepaymentOfPrincipal => totals with { RepaymentsOfPrincipal = checked(totals.RepaymentsOfPrincipal + amount) },
            CreditMovementKind.RepaymentOfFees => totals with { RepaymentsOfFees = checked(totals.RepaymentsOfFees + amount) },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The account buckets only its own movements."),
        };
        book.Credit.Periods.Set(key, totals with { LastAt = at > totals.LastAt ? at : totals.LastAt });
    }

    /// <summary>True when an open period's cut instant has passed: the credit grain has a cut to make.</summary>
    public static bool CutDue(AccountBook book, DateTimeOffset now)
    {
        var calendar = Calendar(book);
        return book.Credit.Periods.Values.Values.Any(period => calendar.CutInstant(period.CutDate) <= now);
    }

    /// <summary>Adds a movement happening now to the current period.</summary>
    public static void AddNow(AccountBook book, CreditMovementKind kind, long amount, DateTimeOffset now) => Add(book, PeriodOf(book, now), kind, amount, now);
}
