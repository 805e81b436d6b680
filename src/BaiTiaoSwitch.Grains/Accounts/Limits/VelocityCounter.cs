namespace BaiTiaoSwitch.Accounts;

/// <summary>Approved amount and count in the current day and month window of one limit level.</summary>
[GenerateSerializer, Immutable, Alias("bts.VelocityCounter")]
public sealed record VelocityCounter(
    [property: Id(0)] int DayKey,
    [property: Id(1)] long DayAmount,
    [property: Id(2)] int DayCount,
    [property: Id(3)] int MonthKey,
    [property: Id(4)] long MonthAmount,
    [property: Id(5)] int MonthCount)
{
    public static readonly VelocityCounter Empty = new(0, 0, 0, 0, 0, 0);

    /// <summary>The counter as seen in the given windows: a past window counts as empty.</summary>
    public VelocityCounter In(int dayKey, int monthKey) => new(
        dayKey,
        DayKey == dayKey ? DayAmount : 0,
        DayKey == dayKey ? DayCount : 0,
        monthKey,
        MonthKey == monthKey ? MonthAmount : 0,
        MonthKey == monthKey ? MonthCount : 0);

    public VelocityCounter Add(long amount, int count) =>
        this with
        {
            DayAmount = checked(DayAmount + amount),
            DayCount = checked(DayCount + count),
            MonthAmount = checked(MonthAmount + amount),
            MonthCount = checked(MonthCount + count),
        };

    /// <summary>Gives back a reversed amount to the windows the authorization was counted in, if they are still current.</summary>
    public VelocityCounter Release(long amount, int dayKey, int monthKey) =>
        this with
        {
            DayAmount = DayKey == dayKey ? Math.Max(0, DayAmount - amount) : DayAmount,
            MonthAmount = MonthKey == monthKey ? Math.Max(0, MonthAmount - amount) : MonthAmount,
        };
}
