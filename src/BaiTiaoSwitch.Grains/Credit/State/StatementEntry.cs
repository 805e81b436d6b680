namespace BaiTiaoSwitch.Credit;

/// <summary>One hot statement: its fixed figures, what was repaid since its cut, and its late fees.</summary>
[GenerateSerializer, Alias("bts.StatementEntry")]
public sealed class StatementEntry
{
    [Id(0)] public Statement Statement { get; set; } = null!;

    /// <summary>Every fen repaid on the line since this statement was cut (principal and fees).</summary>
    [Id(1)] public long RepaidSinceCut { get; set; }

    [Id(2)] public long PrincipalRepaidSinceCut { get; set; }

    /// <summary>The late fees charged on this statement; null until it went overdue.</summary>
    [Id(3)] public LateFeeAccrual? Accrual { get; set; }

    [Id(4)] public long LateFeesPaid { get; set; }

    public long LateFeesOwed => Accrual is null ? 0 : Math.Max(0, checked(Accrual.Charged - LateFeesPaid));
}
