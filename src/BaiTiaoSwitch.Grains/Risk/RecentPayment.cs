namespace BaiTiaoSwitch.Risk;

/// <summary>One approved authorization a line remembers for velocity and wallet_fanout (a slot of its bounded ring).</summary>
[GenerateSerializer, Immutable, Alias("bts.RecentPayment")]
public sealed record RecentPayment(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string GrantId,
    [property: Id(2)] string CardId,
    [property: Id(3)] string Channel,
    [property: Id(4)] long Amount);
