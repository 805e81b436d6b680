using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

/// <summary>The credit grain stored a statement cut: the line forgets what it billed (<see cref="LinePlans.AcknowledgeCut"/>).</summary>
public sealed class AcknowledgeCutOperation(DateOnly cutDate, IReadOnlyList<PlanBilled>? billed, long refundsThrough) : AccountOperation<DateOnly>
{
    private readonly IReadOnlyList<PlanBilled> billed = billed is not null && billed.All(item => item is not null && Ids.IsWellFormed(item.PlanId) && item.Principal is >= 0 and <= Money.AmountMax)
        ? billed
        : throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'planPrincipalBilled' must list plan ids with principal from 0 to the amount maximum.");

    private readonly long refundsThrough = refundsThrough >= 0 ? refundsThrough : throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'planRefundsThroughSeq' must not be negative.");

    public override OperationKind Kind => OperationKind.AcknowledgeCut;

    /// <summary>The cut date only: a cut is acknowledged once, whatever a re-driven acknowledgement sends with it.</summary>
    public override string Fingerprint => FingerprintOf("cut", cutDate.DayNumber);

    public override ValueTask Prepare(AccountBook book, Caller caller)
    {
        LineChecks.RequireOpened(book);
        return ValueTask.CompletedTask;
    }

    public override DateOnly Decide(DecisionContext context) => LinePlans.AcknowledgeCut(context.Book, cutDate, billed, refundsThrough, context.Now);

    public override IdempotencyRecord ToRecord(string scope, DateOnly result, DateTimeOffset now) => new(scope, Kind, Fingerprint, now, null, null, null, CutDate: result);

    public override DateOnly FromRecord(IdempotencyRecord record) => record.CutDate!.Value;
}

/// <summary>
/// Sandbox only: moves the line's clock forward (journaled offset), then expires the holds due at the new now, a
/// sweep batch of them in this step (the grain's upkeep expires any rest before answering).
/// </summary>
public sealed class AdvanceClockOperation(long advanceSeconds, TimeSpan advanceMax) : AccountOperation<DateTimeOffset>
{
    private readonly long seconds = advanceSeconds >= 1 && advanceSeconds <= (long)advanceMax.TotalSeconds
        ? advanceSeconds
        : throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'advanceSeconds' must be from 1 to {(long)advanceMax.TotalSeconds} (the clock moves forward only).");

    public override OperationKind Kind => OperationKind.AdvanceClock;

    public override string Fingerprint => FingerprintOf("clock", seconds);

    public override ValueTask Prepare(AccountBook book, Caller caller)
    {
        LineChecks.RequireOpened(book);
        return ValueTask.CompletedTask;
    }

    public override DateTimeOffset Decide(DecisionContext context)
    {
        var book = context.Book;
        book.SetHeader(book.Header with { ClockOffsetSeconds = checked(book.Header.ClockOffsetSeconds + seconds) });
        var now = context.Now.AddSeconds(seconds);
        Holds.ExpireDue(book, now, book.Options.SweepBatchMax);
        return now;
    }

    public override IdempotencyRecord ToRecord(string scope, DateTimeOffset result, DateTimeOffset now) => new(scope, Kind, Fingerprint, now, null, null, null, Instant: result);

    public override DateTimeOffset FromRecord(IdempotencyRecord record) => record.Instant!.Value;
}
