namespace BaiTiaoSwitch.Bindings;

/// <summary>Failed verifications on one card within the failure window, and the end of a lock.</summary>
[GenerateSerializer, Alias("bts.CardBindingState")]
public sealed class CardBindingState
{
    [Id(0)]
    public List<DateTimeOffset> Failures { get; set; } = [];

    [Id(1)]
    public DateTimeOffset? LockedUntil { get; set; }
}
