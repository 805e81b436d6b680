using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The life of a hold: authorize, increment, reverse, expire, and the tombstone a reversal by key leaves when its
/// authorization has not arrived. Every method is synchronous and checks before it changes anything, so a refusal
/// leaves the book as it was (an expiry that falls due on the way is the one change that stays, as it would anyway).
/// </summary>
public static class Holds
{
    /// <summary>Decides an authorization. Approval places a hold; a decline is recorded with its reason.</summary>
    /// <param name="risk">The rules' step (<see cref="RiskScreen"/>): after the limits and credit passed, before credit is
    /// taken, so risk_declined stays the last reason. Null decides without rules.</param>
    public static AuthorizationRecord Authorize(AccountBook book, string channel, string requestScope, AuthorizeCommand command, DateTimeOffset now, RiskScreen? risk = null)
    {
        var windows = LimitWindows.At(now, book.Options.LimitWindowUtcOffset);
        var amount = command.Amount.Amount;
        var reason = AuthorizationDecision.Decide(book, book.Grants.Find(command.GrantId), command.CardId, command.Merchant.Mcc, amount, amount, countsAsNew: true, windows, now);
        var input = risk is null || reason is not (null or DeclineReason.RiskDeclined) ? null
            : new RiskInput(book.Header.AccountId, command.GrantId, command.CardId, channel, amount, command.Merchant, command.Device, now, book.Header.OpenedAt);
        if (input is not null)
        {
            reason ??= risk!.Screen(book, input);
        }
        else
        {
            risk?.Skipped();
        }

        var sequence = book.Header.NextSequence;
        var header = book.Header with { NextSequence = checked(sequence + 1) };
        if (reason is null)
        {
            header = header with { Pending = checked(header.Pending + amount), OpenHolds = header.OpenHolds + 1 };
            LimitCounters.Count(book, command.GrantId, command.CardId, amount, 1, windows);
            if (input is not null)
            {
                risk!.Approved(book, input);
            }
        }

        book.SetHeader(header);
        var record = new AuthorizationRecord(PaymentIds.Authorization(command.GrantId, sequence), sequence, command.GrantId, command.CardId, channel,
            reason is null ? AuthorizationStatus.Pending : AuthorizationStatus.Declined, reason, amount, 0, 0, 0, now,
            now + book.Options.HoldPeriod, reason is null ? null : now, windows.DayKey, windows.MonthKey, [], header.Available, requestScope);
        book.Put(record);
        return record;
    }

    /// <summary>A reversal whose authorization has not arrived: a reversed, zero-amount record the late authorization will get.</summary>
    public static AuthorizationRecord Tombstone(AccountBook book, string channel, string grantId, string originalScope, DateTimeOffset now)
    {
        var windows = LimitWindows.At(now, book.Options.LimitWindowUtcOffset);
        var sequence = book.Header.NextSequence;
        book.SetHeader(book.Header with { NextSequence = checked(sequence + 1) });
        var cardId = book.Grants.Find(grantId)?.CardId ?? "";
        var record = new AuthorizationRecord(PaymentIds.Authorization(grantId, sequence), sequence, grantId, cardId, channel,
            AuthorizationStatus.Reversed, null, 0, 0, 0, 0, now, now, now, windows.DayKey, windows.MonthKey, [], book.Header.Available, originalScope);
        book.Put(record);
        return record;
    }

    /// <summary>Adds to an open hold under the same rules as a new authorization (it is not counted as a new one).</summary>
    public static AuthorizationRecord Increment(AccountBook book, AuthorizationRecord authorization, long amount, DateTimeOffset now)
    {
        authorization = RequireOpen(book, authorization, now);
        var windows = LimitWindows.At(now, book.Options.LimitWindowUtcOffset);
        var reason = AuthorizationDecision.Decide(book, book.Grants.Find(authorization.GrantId), authorization.CardId, mcc: null, amount,
            checked(authorization.Amount + amount), countsAsNew: false, windows, now);
        if (reason is not null)
        {
            // A declined increment changes nothing: the answer shows the hold as it stands, with the reason.
            return authorization with { Reason = reason, AvailableAfter = book.Header.Available };
        }

        book.SetHeader(book.Header with { Pending = checked(book.Header.Pending + amount) });
        LimitCounters.Count(book, authorization.GrantId, authorization.CardId, amount, 0, windows);
        var record = authorization with { Amount = checked(authorization.Amount + amount), Reason = null, AvailableAfter = book.Header.Available };
        book.Put(record);
        return record;
    }

    /// <summary>Releases <paramref name="amount"/> of the hold, or all that remains when null.</summary>
    public static AuthorizationRecord Reverse(AccountBook book, AuthorizationRecord authorization, long? amount, DateTimeOffset now)
    {
        authorization = RequireOpen(book, authorization, now);
        var held = authorization.Held;
        var release = amount ?? held;
        if (release > held)
        {
            throw new OperationRejectedException(ErrorCodes.ReversalExceedsRemaining, $"Only {held} minor units remain on this hold; reverse at most that.");
        }

        var reversed = checked(authorization.Reversed + release);
        var closes = authorization.Captured + reversed >= authorization.Amount;
        book.SetHeader(book.Header with { Pending = checked(book.Header.Pending - release), OpenHolds = book.Header.OpenHolds - (closes ? 1 : 0) });
        LimitCounters.GiveBack(book, authorization, release);
        var record = authorization with
        {
            Reversed = reversed,
            Status = closes ? (authorization.Captured > 0 ? AuthorizationStatus.Closed : AuthorizationStatus.Reversed) : AuthorizationStatus.Pending,
            ClosedAt = closes ? now : null,
            AvailableAfter = book.Header.Available,
        };
        book.Put(record);
        return record;
    }

    /// <summary>Expires holds whose period has ended, exactly once each, at most <paramref name="countMax"/>. Returns how many.</summary>
    public static int ExpireDue(AccountBook book, DateTimeOffset now, int countMax = int.MaxValue)
    {
        var due = book.Authorizations.Values.Where(record => record.Status == AuthorizationStatus.Pending && record.ExpiresAt <= now).Take(countMax).ToList();
        foreach (var record in due)
        {
            ExpireIfDue(book, record, now);
        }

        return due.Count;
    }

    /// <summary>The current record, expired first if its hold period has ended (releasing its credit, once).</summary>
    public static AuthorizationRecord ExpireIfDue(AccountBook book, AuthorizationRecord authorization, DateTimeOffset now)
    {
        var current = book.Authorizations.GetValueOrDefault(authorization.AuthorizationId, authorization);
        if (current.Status != AuthorizationStatus.Pending || current.ExpiresAt > now)
        {
            return current;
        }

        var held = current.Held;
        book.SetHeader(book.Header with { Pending = checked(book.Header.Pending - held), OpenHolds = book.Header.OpenHolds - 1 });
        LimitCounters.GiveBack(book, current, held);
        current = current with { Status = AuthorizationStatus.Expired, ClosedAt = now, AvailableAfter = book.Header.Available };
        book.Put(current);
        return current;
    }

    private static AuthorizationRecord RequireOpen(AccountBook book, AuthorizationRecord authorization, DateTimeOffset now)
    {
        var current = ExpireIfDue(book, authorization, now);
        return current.Status == AuthorizationStatus.Pending
            ? current
            : throw new OperationRejectedException(ErrorCodes.AuthorizationNotOpen, $"Authorization is {Wire(current.Status)}; only a pending authorization can be changed.");
    }

    internal static string Wire(AuthorizationStatus status) => status.ToString().ToLowerInvariant();
}
