namespace BaiTiaoSwitch.Credit;

[GenerateSerializer, Alias("bts.CreditIntentKind")]
public enum CreditIntentKind
{
    Plan = 0,
    Repayment = 1,
}

/// <summary>
/// A change of the line the credit grain has promised and the account may or may not have made yet: stored before the
/// account is called, and re-driven with the same account key (on activation, by the reminder, before every
/// operation) until the account answers, so a crash between the two grains never leaves them apart.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.CreditIntent")]
public sealed record CreditIntent(
    [property: Id(0)] CreditIntentKind Kind,
    [property: Id(1)] string Scope,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] string AccountKey,
    [property: Id(4)] InstallmentPlan? Plan,
    [property: Id(5)] long Amount,
    [property: Id(6)] RepaymentOwed? Owed);
