namespace BaiTiaoSwitch.RequestKeys;

/// <summary>What a claim on a (channel, idempotency key) found.</summary>
[GenerateSerializer, Alias("bts.KeyClaimOutcome")]
public enum KeyClaimOutcome
{
    /// <summary>The key was free and is now this owner's.</summary>
    Claimed,

    /// <summary>The key was already this owner's (an earlier attempt of the same request, or another request of this owner).</summary>
    AlreadyYours,

    /// <summary>Another owner holds the key: another account, card or grant used it.</summary>
    UsedElsewhere,
}

/// <summary>The outcome and, when the key was already held, the fingerprint it was claimed with.</summary>
[GenerateSerializer, Immutable, Alias("bts.KeyClaim")]
public readonly record struct KeyClaim([property: Id(0)] KeyClaimOutcome Outcome, [property: Id(1)] string? Fingerprint)
{
    /// <summary>True when the request may go on: the key is this owner's, for this very request.</summary>
    public bool IsFor(string fingerprint) => Outcome == KeyClaimOutcome.Claimed || (Outcome == KeyClaimOutcome.AlreadyYours && Fingerprint == fingerprint);
}

/// <summary>
/// One namespace of idempotency keys per channel, across every account, card and grant (API.md: keys are scoped per
/// channel). Every core mutating operation claims its key here before it takes effect, so the same key on another
/// account's grant is refused. A claim is durable before <see cref="Claim"/> returns, and insert-only in storage, so
/// two activations (or two silos) can never both claim one key.
/// </summary>
public interface IRequestKeyStore
{
    /// <param name="owner">Who takes effect with the key: <c>account/{id}</c>, <c>card/{id}</c>, <c>grant/{id}</c>, …</param>
    /// <param name="fingerprint">What the request was, so the owner can refuse the same key for another request.</param>
    Task<KeyClaim> Claim(string channel, string key, string owner, string fingerprint, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps each key's answer on its claim (opaque bytes, the owner's own format) once the owner no longer holds it in
    /// memory, so a late replay still gets it; the sweep that ends the claim ends the answer.
    /// </summary>
    Task StoreAnswers(IReadOnlyList<KeyAnswer> answers, CancellationToken cancellationToken = default);

    /// <summary>The answer <paramref name="owner"/> stored on the key's claim, or null.</summary>
    Task<byte[]?> FindAnswer(string channel, string key, string owner, CancellationToken cancellationToken = default);
}

/// <summary>
/// A key's answer, kept on its claim: whose it is, when it was made, and its bytes. <see cref="Claimed"/> is false for
/// a key its owner never claimed (the original key under which a reversal left a tombstone): it is claimed now, unless
/// another owner already holds it, whose claim is never touched.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.KeyAnswer")]
public sealed record KeyAnswer(
    [property: Id(0)] string Channel, [property: Id(1)] string Key, [property: Id(2)] string Owner, [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] byte[] Answer, [property: Id(5)] bool Claimed = true);
