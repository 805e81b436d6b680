namespace BaiTiaoSwitch.Credit;

/// <summary>
/// What the account grain does to its use of the line for credit products, each in its one synchronous step, so that
/// <c>limit − available = Σ open holds + posted</c> with <c>posted = Σ captures − Σ refunds − Σ principal repaid</c>
/// holds after every step:
/// <list type="bullet">
/// <item>a plan moves principal from the revolving balance to the plan: posted does not change (principal on a plan,
/// due or not, still uses the limit); refused when the revolving balance is smaller than the principal;</item>
/// <item>a repayment gives back exactly the principal it paid (<see cref="RepaymentAllocated.PrincipalRestored"/>),
/// of which its installment principal leaves the plans; its fees change nothing here;</item>
/// <item>a refund of a purchase on a plan is posted as any refund (<c>posted −= refund</c>, by the account's refund
/// path); of it, the part the plan took (<see cref="InstallmentRefundResult.PrincipalReduced"/>) leaves the plans.</item>
/// </list>
/// </summary>
public static class CreditUseRules
{
    public static CreditUse MoveToPlan(CreditUse use, long principal)
    {
        if (principal < 1 || principal > use.Revolving)
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"Only principal still owed on the revolving balance ({Math.Max(0, use.Revolving)}) can go on installments.");
        }

        return use with { InstallmentsOutstanding = checked(use.InstallmentsOutstanding + principal) };
    }

    public static CreditUse Repay(CreditUse use, RepaymentAllocated allocated)
    {
        // Posted may be below 0 (a refund of a purchase already repaid leaves a credit balance): then a repayment of fees only is fine.
        if (allocated.InstallmentPrincipal > use.InstallmentsOutstanding || (allocated.PrincipalRestored > 0 && allocated.PrincipalRestored > use.Posted))
        {
            throw new InvalidOperationException("A repayment cannot pay more principal than the line has posted: the owed figures were stale.");
        }

        return new CreditUse(
            checked(use.Posted - allocated.PrincipalRestored),
            checked(use.InstallmentsOutstanding - allocated.InstallmentPrincipal),
            checked(use.PrincipalRepaid + allocated.PrincipalRestored));
    }

    /// <summary>The plan's share of a refund whose amount the account has already taken off posted.</summary>
    public static CreditUse RefundOnPlan(CreditUse use, InstallmentRefundResult refund) =>
        use with { InstallmentsOutstanding = checked(use.InstallmentsOutstanding - refund.PrincipalReduced) };
}
