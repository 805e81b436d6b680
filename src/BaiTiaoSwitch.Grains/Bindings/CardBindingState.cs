using System.Collections.Immutable;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// What binding keeps for one card number, known or not, and its rules. Every list is bounded by a setting: failures
/// by <see cref="BindingOptions.FailuresBeforeLockMax"/> (reaching it locks and clears them), codes guessed by
/// <see cref="BindingOptions.CodeGuessesPerCardPerHourMax"/> (no more are checked), open attempts by one per channel
/// (a new start replaces the channel's open attempt). Entries leave when their window passes; an empty state is deleted.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.CardBindingState")]
public sealed record CardBindingState
{
    /// <summary>Failed verifications (refused starts, wrong codes) within the failure window.</summary>
    [Id(0)]
    public ImmutableArray<DateTimeOffset> Failures { get; init; } = [];

    [Id(1)]
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Codes checked within the last hour, right or wrong.</summary>
    [Id(2)]
    public ImmutableArray<DateTimeOffset> Guesses { get; init; } = [];

    /// <summary>The open attempt of each channel: only its code may be checked.</summary>
    [Id(3)]
    public ImmutableDictionary<string, OpenAttempt> OpenAttempts { get; init; } = ImmutableDictionary<string, OpenAttempt>.Empty;

    public bool IsEmpty => Failures.IsEmpty && LockedUntil is null && Guesses.IsEmpty && OpenAttempts.IsEmpty;

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;

    public bool GuessesSpent(BindingOptions options) => Guesses.Length >= options.CodeGuessesPerCardPerHourMax;

    /// <summary>Without what no longer counts at <paramref name="now"/>.</summary>
    public CardBindingState Pruned(DateTimeOffset now, BindingOptions options) => this with
    {
        Failures = [.. Failures.Where(at => now - at < options.FailureWindow)],
        LockedUntil = IsLocked(now) ? LockedUntil : null,
        Guesses = [.. Guesses.Where(at => now - at < BindingOptions.Hour)],
        OpenAttempts = OpenAttempts.RemoveRange(OpenAttempts.Where(entry => entry.Value.ExpiresAt <= now).Select(entry => entry.Key)),
    };

    /// <summary>One more failure; the one that reaches the limit locks binding on the card and clears the count.</summary>
    public CardBindingState WithFailure(DateTimeOffset now, BindingOptions options)
    {
        var failures = Failures.Add(now);
        return failures.Length >= options.FailuresBeforeLockMax
            ? this with { Failures = [], LockedUntil = now + options.LockDuration }
            : this with { Failures = failures };
    }

    /// <summary>
    /// One code checked; a wrong one is also a failure. The attempt stays the channel's open one until its code expires,
    /// even after a right code: if recording that the code was right failed, the retry must find it still open.
    /// </summary>
    public CardBindingState WithGuess(DateTimeOffset now, bool right, BindingOptions options)
    {
        var guessed = this with { Guesses = Guesses.Add(now) };
        return right ? guessed : guessed.WithFailure(now, options);
    }

    /// <summary>The channel's open attempt becomes <paramref name="attempt"/>.</summary>
    public CardBindingState WithOpenAttempt(string channel, OpenAttempt attempt) => this with { OpenAttempts = OpenAttempts.SetItem(channel, attempt) };
}

/// <summary>
/// A channel's open attempt on a card: the key of the start that made it (a retry of that start resumes it), its grant,
/// when its code expires, and the attempt it replaced (ended by the start, again if the start is retried).
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.OpenAttempt")]
public sealed record OpenAttempt(
    [property: Id(0)] string Key,
    [property: Id(1)] string GrantId,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string? Supersedes);
