using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>What a capture did: the authorization after it, the capture, and the alert a forced posting raised.</summary>
public sealed record CaptureResult(AuthorizationRecord Authorization, CaptureRecord Capture, AccountAlert? Alert);

/// <summary>
/// Captures and refunds. A capture converts held credit into posted. Beyond the hold it is forced: within the
/// over-capture tolerance it posts anyway, and an expired hold can be captured late, once, up to what it held plus
/// the tolerance. Every forced posting is flagged on its capture, counted on the line and raises an over_limit alert.
/// </summary>
public static class Captures
{
    public static CaptureResult Capture(AccountBook book, AuthorizationRecord authorization, long amount, bool final, DateTimeOffset now)
    {
        CreditPeriods.RequireRoom(book, now);
        authorization = Holds.ExpireIfDue(book, authorization, now);
        var late = authorization.Status == AuthorizationStatus.Expired;
        if (authorization.Status != AuthorizationStatus.Pending && !late)
        {
            throw new OperationRejectedException(ErrorCodes.AuthorizationNotOpen,
                $"Authorization is {Holds.Wire(authorization.Status)}; only a pending hold, or an expired one not yet captured, can be captured.");
        }

        var remaining = checked(authorization.Amount - authorization.Captured - authorization.Reversed);
        var allowed = checked(remaining + Tolerance(book.Options, authorization.Amount));
        if (amount > allowed)
        {
            throw new OperationRejectedException(ErrorCodes.CaptureExceedsAuthorization,
                $"This hold allows a capture of at most {allowed} minor units (what remains plus the over-capture tolerance); capture less, or authorize the difference.");
        }

        var held = authorization.Held;
        var fromHold = Math.Min(amount, held);
        var forced = checked(amount - fromHold);
        var captured = checked(authorization.Captured + amount);
        var closes = late || final || captured + authorization.Reversed >= authorization.Amount;
        var released = closes ? held - fromHold : 0;
        var header = book.Header with
        {
            Pending = checked(book.Header.Pending - fromHold - released),
            Posted = checked(book.Header.Posted + amount),
            OverLimitAmount = checked(book.Header.OverLimitAmount + forced),
            OverLimitCount = book.Header.OverLimitCount + (forced > 0 ? 1 : 0),
            OpenHolds = book.Header.OpenHolds - (closes && !late ? 1 : 0),
        };
        book.SetHeader(header);
        CreditPeriods.AddNow(book, Credit.CreditMovementKind.Purchase, amount, now);
        LimitCounters.GiveBack(book, authorization, released);
        if (forced > 0)
        {
            LimitCounters.Count(book, authorization.GrantId, authorization.CardId, forced, 0, LimitWindows.At(now, book.Options.LimitWindowUtcOffset));
        }

        var overLimit = forced > 0 && header.Available < 0;
        var capture = new CaptureRecord(PaymentIds.Capture(authorization.AuthorizationId, authorization.Captures.Length + 1), amount, overLimit, now, 0, 0, forced);
        var record = authorization with
        {
            Captured = captured,
            Status = closes ? AuthorizationStatus.Closed : authorization.Status,
            ClosedAt = closes ? now : authorization.ClosedAt,
            Captures = authorization.Captures.Add(capture),
            AvailableAfter = header.Available,
        };
        book.Put(record);
        var alert = forced > 0 ? AccountAlerts.RaiseOverLimit(book, record, capture, now) : null;
        return new CaptureResult(record, capture, alert);
    }

    /// <summary>Gives captured money back to the line. The total refunded never exceeds what was captured.</summary>
    public static (AuthorizationRecord Authorization, Refund Refund) Refund(AccountBook book, AuthorizationRecord authorization, string captureId, long amount, DateTimeOffset now)
    {
        var index = -1;
        for (var i = 0; i < authorization.Captures.Length && index < 0; i++)
        {
            index = authorization.Captures[i].CaptureId == captureId ? i : -1;
        }

        if (index < 0)
        {
            throw new NotFoundException("No such capture.");
        }

        var capture = authorization.Captures[index];
        if (amount > capture.Amount - capture.Refunded)
        {
            throw new OperationRejectedException(ErrorCodes.RefundExceedsCaptured, $"Only {capture.Amount - capture.Refunded} minor units of this capture are left to refund.");
        }

        CreditPeriods.RequireRoom(book, now);
        LinePlans.RequireRefundRoom(book, capture);
        book.SetHeader(book.Header with { Posted = checked(book.Header.Posted - amount) });
        var updated = capture with { Refunded = checked(capture.Refunded + amount), Refunds = capture.Refunds + 1 };
        var refundId = PaymentIds.Refund(captureId, updated.Refunds);

        // On a plan, the plan's unbilled principal takes the refund first; only the rest reduces the revolving balance.
        var toBalance = capture.PlanId is { } planId ? LinePlans.RefundOnPlan(book, planId, refundId, amount, now) : amount;
        CreditPeriods.AddNow(book, Credit.CreditMovementKind.Refund, toBalance, now);
        var record = authorization with
        {
            Refunded = checked(authorization.Refunded + amount),
            Captures = authorization.Captures.SetItem(index, updated),
            AvailableAfter = book.Header.Available,
        };
        book.Put(record);
        return (record, new Refund(refundId, captureId, new Money(amount, book.Currency), now));
    }

    /// <summary>How far a capture may go beyond a hold of <paramref name="holdAmount"/>: a share of it, with an absolute cap.</summary>
    public static long Tolerance(SwitchOptions options, long holdAmount) =>
        Math.Min(checked(holdAmount * options.OverCapturePercent / 100), options.OverCaptureAmountMax);
}
