namespace BaiTiaoSwitch.Credit;

/// <summary>
/// How a repayment was allocated (API.md Repayment's <c>allocated</c>), in the order it pays off. Their sum is the
/// repayment's amount; the credit it restored is <see cref="PrincipalRestored"/>, never the fees.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.RepaymentAllocated")]
public sealed record RepaymentAllocated(
    [property: Id(0)] long LateFees,
    [property: Id(1)] long InstallmentFees,
    [property: Id(2)] long InstallmentPrincipal,
    [property: Id(3)] long StatementBalance,
    [property: Id(4)] long Unbilled)
{
    public long Total => checked(LateFees + InstallmentFees + InstallmentPrincipal + StatementBalance + Unbilled);

    /// <summary>Principal paid off: what the repayment gives back to the credit line.</summary>
    public long PrincipalRestored => checked(InstallmentPrincipal + StatementBalance + Unbilled);

    /// <summary>Fees paid off: owed, but never using the limit, so they restore no credit.</summary>
    public long FeesPaid => checked(LateFees + InstallmentFees);
}
