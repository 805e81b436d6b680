namespace BaiTiaoSwitch.Bindings;

/// <summary>One attempt as stored. It changes only by a new value written whole (see <c>StateCommits</c>).</summary>
[GenerateSerializer, Immutable, Alias("bts.BindingAttemptState")]
public sealed record BindingAttemptState
{
    [Id(0)]
    public BindingAttempt? Attempt { get; init; }

    [Id(1)]
    public int WrongTries { get; init; }

    [Id(2)]
    public AttemptStatus Status { get; init; }

    /// <summary>When it was activated or ended; the record is deleted <see cref="BindingOptions.AttemptRetention"/> later.</summary>
    [Id(3)]
    public DateTimeOffset? EndedAt { get; init; }
}

[GenerateSerializer, Alias("bts.AttemptStatus")]
public enum AttemptStatus
{
    /// <summary>Waiting for its code.</summary>
    Open = 0,

    /// <summary>The right code came and is recorded; the grant's activation has not finished yet. A retried verify (or the attempt's reminder) finishes it.</summary>
    Verified = 1,

    /// <summary>The grant is active.</summary>
    Activated = 2,

    /// <summary>Wrong codes, expiry, or a newer start ended it: its code is dead and its pending grant revoked.</summary>
    Ended = 3,
}
