namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>A repayment (还款) and how it was allocated, in the order it pays off, in fen.</summary>
public sealed record RepaymentView(string RepaymentId, long Amount, long LateFees, long InstallmentFees, long InstallmentPrincipal, long StatementBalance, long Unbilled)
{
    /// <summary>The principal it paid off: what it gives back to the line.</summary>
    public long PrincipalRestored => InstallmentPrincipal + StatementBalance + Unbilled;

    public long Allocated => LateFees + InstallmentFees + PrincipalRestored;
}
