using BaiTiaoSwitch.Gateway.Wire;

namespace BaiTiaoSwitch.Gateway.Bindings;

public sealed class BindingBody
{
    public string? CardNumber { get; set; }

    public HolderBody? Holder { get; set; }

    public override string ToString() => "BindingBody(***)";
}

public sealed class VerifyBody
{
    /// <summary>The 6-digit one-time code sent to the holder's phone.</summary>
    public string? Otp { get; set; }

    public override string ToString() => "VerifyBody(***)";
}
