using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Gateway.Wire;

namespace BaiTiaoSwitch.Gateway.Credit;

public sealed class RepaymentBody
{
    public MoneyBody? Amount { get; set; }
}

/// <summary>How a repayment was allocated, in the order it pays off; the parts sum to its amount.</summary>
public sealed record RepaymentAllocatedResponse(
    MoneyResponse LateFees,
    MoneyResponse InstallmentFees,
    MoneyResponse InstallmentPrincipal,
    MoneyResponse StatementBalance,
    MoneyResponse Unbilled);

/// <summary>API.md Repayment. It restores credit by the principal it paid (installmentPrincipal + statementBalance + unbilled).</summary>
public sealed record RepaymentResponse(string RepaymentId, string AccountId, MoneyResponse Amount, RepaymentAllocatedResponse Allocated, DateTimeOffset CreatedAt);

public static class RepaymentWire
{
    public static RepaymentResponse ToWire(this Repayment repayment)
    {
        var currency = repayment.Amount.Currency;
        MoneyResponse Money(long amount) => new(amount, currency);
        var allocated = repayment.Allocated;
        return new RepaymentResponse(
            repayment.RepaymentId,
            repayment.AccountId,
            repayment.Amount.ToWire(),
            new RepaymentAllocatedResponse(
                Money(allocated.LateFees),
                Money(allocated.InstallmentFees),
                Money(allocated.InstallmentPrincipal),
                Money(allocated.StatementBalance),
                Money(allocated.Unbilled)),
            repayment.CreatedAt.ToUniversalTime());
    }
}
