namespace BaiTiaoSwitch.Risk;

[GenerateSerializer, Alias("bts.RiskRuleKind")]
public enum RiskRuleKind
{
    Velocity = 0,
    AmountSpike = 1,
    NewCountry = 2,
    WalletFanout = 3,
    DeviceReuse = 4,
    PromoAbuse = 5,
}

/// <summary>enforce: a firing declines with risk_declined. shadow: a firing is recorded, the decision does not change. off: not evaluated.</summary>
[GenerateSerializer, Alias("bts.RiskMode")]
public enum RiskMode
{
    Enforce = 0,
    Shadow = 1,
    Off = 2,
}

/// <summary>What an alert of the rule does, through the issuer's own path (guarantee 5 covers it).</summary>
[GenerateSerializer, Alias("bts.RiskAction")]
public enum RiskAction
{
    None = 0,
    SuspendGrant = 1,
    FreezeCard = 2,
    FreezeAccount = 3,
}

[GenerateSerializer, Alias("bts.VelocityScope")]
public enum VelocityScope
{
    Grant = 0,
    Card = 1,
    Account = 2,
    Device = 3,
    Merchant = 4,
}

/// <summary>
/// The parameters of every rule kind (API.md "Risk and monitoring"); each kind reads its own and requires them.
/// Amounts are minor units; <see cref="Factor"/> is a plain number (a multiple of the holder's own median), not money.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.RuleParameters")]
public sealed record RuleParameters(
    [property: Id(0)] VelocityScope? Scope = null,
    [property: Id(1)] int? WindowSeconds = null,
    [property: Id(2)] int? CountMax = null,
    [property: Id(3)] long? AmountMax = null,
    [property: Id(4)] double? Factor = null,
    [property: Id(5)] int? HistoryMin = null,
    [property: Id(6)] int? WalletsMax = null,
    [property: Id(7)] int? AccountsMax = null,
    [property: Id(8)] int? AccountAgeDaysMax = null,
    [property: Id(9)] string? MerchantId = null);

/// <summary>One risk rule: cluster configuration kept in the rules grain, versioned, durable.</summary>
[GenerateSerializer, Immutable, Alias("bts.RiskRule")]
public sealed record RiskRule(
    [property: Id(0)] string RuleId,
    [property: Id(1)] RiskRuleKind Kind,
    [property: Id(2)] RiskMode Mode,
    [property: Id(3)] RiskAction Action,
    [property: Id(4)] RuleParameters Params,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] long Version);

/// <summary>Every rule at one version of the cluster's rule set; accounts decide against the newest they have.</summary>
[GenerateSerializer, Immutable, Alias("bts.RuleSet")]
public sealed record RuleSet(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<RiskRule> Rules)
{
    public static readonly RuleSet Empty = new(0, []);
}
