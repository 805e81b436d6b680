using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.RequestKeys;

namespace BaiTiaoSwitch.Lifecycle;

/// <summary>What to do with a keyed lifecycle request once its key was looked at.</summary>
public enum KeyVerdict
{
    /// <summary>The key is this request's and no answer of it is stored: make the change, and store its answer with it.</summary>
    Apply,

    /// <summary>The same request was answered before: answer the same again, change nothing.</summary>
    Replay,

    /// <summary>
    /// The key is this object's, for this same request, but its answer has left the bounded list: whether it took
    /// effect cannot be told, so it is never applied again; the answer is the object as it is now.
    /// </summary>
    ShowCurrent,
}

public readonly record struct KeyCheck(KeyVerdict Verdict, string Scope, LifecycleAnswer? Answer);

/// <summary>
/// Idempotency keys of the lifecycle calls on one card or grant (guarantee 3). A key is first looked up among the
/// object's recent answers, then claimed in the channel's namespace (<see cref="IRequestKeyStore"/>) under the object's
/// owner name, before anything changes. The same key for another request, or on another account, card or grant, is
/// refused <c>idempotency_key_reused</c>. A call from inside the cluster (a binding ending its grant, a card making
/// one) carries the key of the operation that made it, which that operation has claimed: it is not claimed again.
/// </summary>
public sealed class LifecycleKeys(IRequestKeyStore store, string owner)
{
    /// <summary>The channel whose namespace the key is in: the proven caller's, or the switch's own for its own calls.</summary>
    public static string ActingChannel => CurrentCaller.Caller?.Channel ?? CreditAccountGrain.SwitchChannel;

    public async Task<KeyCheck> Check(IKeepsRecentAnswers state, string key, string fingerprint)
    {
        var scope = LifecycleAnswer.ScopeOf(ActingChannel, key);
        if (RecentAnswers.Find(state, scope) is { } answer)
        {
            return answer.Fingerprint == fingerprint ? new KeyCheck(KeyVerdict.Replay, scope, answer) : throw Reused();
        }

        var claim = await Claim(key, owner, fingerprint);

        // With no answer ever dropped, a missing answer proves the earlier attempt never wrote: it may apply now.
        return claim is { Outcome: KeyClaimOutcome.AlreadyYours } && state.AnswersDropped > 0
            ? new KeyCheck(KeyVerdict.ShowCurrent, scope, null)
            : new KeyCheck(KeyVerdict.Apply, scope, null);
    }

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="claimOwner"/> (for a creation: the object the key creates),
    /// or refuses it. Null for a call from inside the cluster, whose key its own operation holds.
    /// </summary>
    public async Task<KeyClaim?> Claim(string key, string claimOwner, string fingerprint)
    {
        if (CurrentCaller.IsInternal)
        {
            return null;
        }

        KeyClaim claim;
        try
        {
            claim = await store.Claim(ActingChannel, key, claimOwner, fingerprint);
        }
        catch (Exception exception) when (exception is not SwitchException)
        {
            throw new OutcomeUnknownException("The idempotency key could not be claimed, so nothing was changed yet. Retry with the same idempotency key.");
        }

        return claim.IsFor(fingerprint) ? claim : throw Reused();
    }

    private static IdempotencyKeyReusedException Reused() => new(
        "This idempotency key was already used by this channel for another request (keys are scoped per channel, across every account, card and grant); use a new key.");
}
