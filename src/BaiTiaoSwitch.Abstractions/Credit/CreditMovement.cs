namespace BaiTiaoSwitch.Credit;

/// <summary>What a ledger movement of the credit line is, for a statement cut. Amounts are positive; the kind says the sign.</summary>
[GenerateSerializer, Alias("bts.CreditMovementKind")]
public enum CreditMovementKind
{
    /// <summary>A capture (purchase) posted in the period.</summary>
    Purchase = 0,

    /// <summary>A refund that reduces the revolving balance (a refund of installment principal not yet billed is not one).</summary>
    Refund = 1,

    /// <summary>A purchase of this period turned into an installment plan: it leaves the revolving balance.</summary>
    ConvertedToInstallments = 2,

    /// <summary>The principal of an installment period billed on this statement.</summary>
    InstallmentPrincipalDue = 3,

    /// <summary>The fee of an installment period billed on this statement.</summary>
    InstallmentFeeDue = 4,

    /// <summary>A late fee charged in the period.</summary>
    LateFee = 5,

    /// <summary>The part of a repayment that paid principal (it restored credit).</summary>
    RepaymentOfPrincipal = 6,

    /// <summary>The part of a repayment that paid fees (late fees or installment fees).</summary>
    RepaymentOfFees = 7,

    /// <summary>A correction of a statement already cut (e.g. a plan made on a billed purchase): lowers the principal balance.</summary>
    PrincipalCorrection = 8,
}

/// <summary>One movement of the credit line, as the credit grain records it, with the instant it took effect.</summary>
[GenerateSerializer, Immutable, Alias("bts.CreditMovement")]
public sealed record CreditMovement(
    [property: Id(0)] CreditMovementKind Kind,
    [property: Id(1)] long Amount,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Reference);
