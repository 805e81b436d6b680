namespace BaiTiaoSwitch.Tests.Model;

/// <summary>The reference model's operations: each returns the answer and changes the model as the specification says.</summary>
public sealed partial class ReferenceLine
{
    public Outcome Authorize(int grant, long amount, DateTimeOffset now)
    {
        var reason = Decide(grant, amount, amount, isNew: true, now);

        // The risk rule (docs/risk.md): after every limit and credit check, approvals of this grant in the window,
        // this one included, above the count: risk_declined.
        if (reason is null && Holds.Count(earlier => earlier.Approved && earlier.Grant == grant && earlier.CreatedAt > now - VelocityWindow && earlier.CreatedAt <= now) + 1 > VelocityCountMax)
        {
            reason = "RiskDeclined";
            Interlocked.Increment(ref velocityDeclines);
        }

        var hold = new Hold { Grant = grant, CreatedAt = now, Amount = amount, Approved = reason is null, Status = reason is null ? "pending" : "declined" };
        Holds.Add(hold);
        if (reason is null)
        {
            Use(grant, now, amount, 1);
        }

        return View(hold, reason);
    }

    public Outcome Increment(Hold hold, long amount, DateTimeOffset now)
    {
        ExpireIfDue(hold, now);
        if (hold.Status != "pending")
        {
            return Outcome.Error("authorization_not_open");
        }

        var reason = Decide(hold.Grant, amount, hold.Amount + amount, isNew: false, now);
        if (reason is null)
        {
            hold.Amount += amount;
            Use(hold.Grant, now, amount, 0);
        }

        return View(hold, reason);
    }

    public Outcome Capture(Hold hold, long amount, bool final, DateTimeOffset now)
    {
        if (NoRoomFor(PeriodNow(now)))
        {
            return Overloaded();
        }

        ExpireIfDue(hold, now);
        var late = hold.Status == "expired";
        if (hold.Status != "pending" && !late)
        {
            return Outcome.Error("authorization_not_open");
        }

        if (amount > hold.Amount - hold.Captured - hold.Reversed + Tolerance(hold.Amount))
        {
            return Outcome.Error("capture_exceeds_authorization");
        }

        var held = hold.Held;
        var forced = amount - Math.Min(amount, held);
        var closes = late || final || hold.Captured + amount + hold.Reversed >= hold.Amount;
        if (closes && !late)
        {
            GiveBack(hold, held - Math.Min(amount, held));
        }

        if (forced > 0)
        {
            Use(hold.Grant, now, forced, 0);
        }

        hold.Captured += amount;
        hold.Status = closes ? "closed" : hold.Status;
        CaptureEntries.Add(new CaptureEntry { Hold = hold, Amount = amount, Forced = forced, At = now });
        Move(PeriodNow(now), "purchase", amount);
        return new Outcome($"capture:overLimit={forced > 0 && Available < 0}", amount);
    }

    public Outcome Reverse(Hold hold, long? amount, DateTimeOffset now)
    {
        ExpireIfDue(hold, now);
        if (hold.Status != "pending")
        {
            return Outcome.Error("authorization_not_open");
        }

        var release = amount ?? hold.Held;
        if (release > hold.Held)
        {
            return Outcome.Error("reversal_exceeds_remaining");
        }

        hold.Reversed += release;
        GiveBack(hold, release);
        if (hold.Captured + hold.Reversed >= hold.Amount)
        {
            hold.Status = hold.Captured > 0 ? "closed" : "reversed";
        }

        return View(hold, null);
    }

    public Outcome Refund(CaptureEntry capture, long amount, DateTimeOffset now)
    {
        if (amount > capture.Amount - capture.Refunded)
        {
            return Outcome.Error("refund_exceeds_captured");
        }

        if (NoRoomFor(PeriodNow(now)) || PlanRefundsFull(capture))
        {
            return Overloaded();
        }

        capture.Refunded += amount;
        Move(PeriodNow(now), "refund", RefundOnPlan(capture, amount));
        return new Outcome("refund", amount);
    }

    public Outcome SetFrozen(bool frozen)
    {
        Frozen = frozen;
        return AccountView();
    }

    /// <summary>The issuer's limit is in force as set: the issuer sets it knowing the score.</summary>
    public Outcome SetLimit(long limit)
    {
        IssuerLimit = limit;
        Limit = limit;
        return AccountView();
    }

    /// <summary>A score that moves to another band puts that band's share of the issuer's limit in force (API.md's default bands, written out here on their own); a move within a band changes no limit.</summary>
    public Outcome SetScore(int score)
    {
        var moved = BandPercent(score) != BandPercent(Score);
        Score = score;
        if (moved)
        {
            Limit = IssuerLimit * BandPercent(Score) / 100;
        }

        return AccountView();
    }

    private static long BandPercent(int score) => score >= 700 ? 100 : score >= 600 ? 80 : score >= 500 ? 50 : 20;

    public Outcome SetAccountLimits(long? dayAmount, int? dayCount, int? monthCount)
    {
        Limits["a"] = (null, dayAmount, dayCount, monthCount);
        return AccountView();
    }

    public void SetGrant(int grant, bool active, long? perTransaction, int? dayCount)
    {
        GrantActive[grant] = active;
        Limits["g" + grant] = (perTransaction, null, dayCount, null);
    }

    public int Expire(DateTimeOffset now)
    {
        var due = Holds.Where(hold => hold.Status == "pending" && hold.CreatedAt + holdPeriod <= now).ToList();
        due.ForEach(hold => ExpireIfDue(hold, now));
        return due.Count;
    }

    public Outcome AccountView() => new("account:" + (Frozen ? "Frozen" : "Active") + ":score=" + Score, Limit, Available: Available);

    private Outcome View(Hold hold, string? reason) =>
        new($"auth:{hold.Status}:{reason ?? "approved"}", hold.Amount, hold.Captured, hold.Reversed, Available);
}
