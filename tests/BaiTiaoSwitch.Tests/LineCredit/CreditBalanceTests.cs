using BaiTiaoSwitch.Credit;
using Xunit;

namespace BaiTiaoSwitch.Tests.LineCredit;

/// <summary>
/// A credit balance: a refund of a purchase already repaid leaves posted below 0. Found by the account model test: the
/// line then refused even a repayment of fees only, with an internal error instead of an answer.
/// </summary>
public sealed class CreditBalanceTests
{
    [Fact]
    public void A_repayment_of_fees_only_is_applied_on_a_line_with_a_credit_balance()
    {
        var use = new CreditUse(Posted: -359, InstallmentsOutstanding: 0, PrincipalRepaid: 531);

        var after = CreditUseRules.Repay(use, new RepaymentAllocated(185, 0, 0, 0, 0));

        Assert.Equal(use, after);
    }

    [Fact]
    public void A_repayment_of_principal_is_still_refused_above_what_is_posted()
    {
        var use = new CreditUse(Posted: -359, InstallmentsOutstanding: 0, PrincipalRepaid: 531);

        Assert.Throws<InvalidOperationException>(() => CreditUseRules.Repay(use, new RepaymentAllocated(0, 0, 0, 0, 1)));
    }
}
