namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The credit-product part of a line's use, as the account grain keeps it (single writer): <see cref="Posted"/> is the
/// account's posted balance (<c>Σ captures − Σ refunds − Σ principal repaid</c>); <see cref="InstallmentsOutstanding"/>
/// is the part of it on installment plans (principal not yet repaid, billed or not: it still uses the limit);
/// <see cref="PrincipalRepaid"/> is every fen of principal repayments have given back, ever. Fees are never here: they
/// are owed but use no limit. Invariant: <c>0 ≤ InstallmentsOutstanding ≤ Posted</c> unless forced postings moved
/// posted (see <c>CreditUseRules</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.CreditUse")]
public sealed record CreditUse(
    [property: Id(0)] long Posted,
    [property: Id(1)] long InstallmentsOutstanding,
    [property: Id(2)] long PrincipalRepaid)
{
    public static readonly CreditUse None = new(0, 0, 0);

    /// <summary>Posted principal not on a plan: purchases billed or unbilled, still unpaid.</summary>
    public long Revolving => checked(Posted - InstallmentsOutstanding);
}
