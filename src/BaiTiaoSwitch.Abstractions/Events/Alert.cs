namespace BaiTiaoSwitch.Events;

[GenerateSerializer, Alias("bts.AlertActionTaken")]
public enum AlertActionTaken
{
    None = 0,
    GrantSuspended = 1,
    CardFrozen = 2,
    AccountFrozen = 3,
}

[GenerateSerializer, Alias("bts.AlertOutcome")]
public enum AlertOutcome
{
    Fraud = 0,
    Legitimate = 1,
}

/// <summary>
/// An alert (API.md): a rule that fired (enforce or shadow), a forced posting over the limit (<c>over_limit</c>), or a
/// credit-score drop (<c>credit_score_drop</c>). <see cref="Kind"/> is the wire name: a rule kind in snake_case, or
/// one of those two. Severity is <c>low</c>, <c>medium</c> or <c>high</c>. <see cref="Requested"/> is the action the
/// rule asks for: the line's outbox carries it out (as the issuer's own route would) before it publishes the alert, and
/// publishes the alert with <see cref="Action"/> saying what was done.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.Alert")]
public sealed record Alert(
    [property: Id(0)] string AlertId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Severity,
    [property: Id(3)] string? RuleId,
    [property: Id(4)] string? AccountId,
    [property: Id(5)] string? CardId,
    [property: Id(6)] string? GrantId,
    [property: Id(7)] string? MerchantId,
    [property: Id(8)] string? AuthorizationId,
    [property: Id(9)] AlertActionTaken Action,
    [property: Id(10)] AlertOutcome? Outcome,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] Risk.RiskAction Requested = Risk.RiskAction.None)
{
    public const string OverLimit = "over_limit";
    public const string CreditScoreDrop = "credit_score_drop";
}
