namespace BaiTiaoSwitch.Bindings;

[GenerateSerializer, Alias("bts.BindingAttemptState")]
public sealed class BindingAttemptState
{
    [Id(0)]
    public BindingAttempt? Attempt { get; set; }

    [Id(1)]
    public int WrongTries { get; set; }

    /// <summary>Three wrong codes or an expired code end the attempt: its grant is revoked and no code works any more.</summary>
    [Id(2)]
    public bool Ended { get; set; }

    [Id(3)]
    public bool Verified { get; set; }
}
