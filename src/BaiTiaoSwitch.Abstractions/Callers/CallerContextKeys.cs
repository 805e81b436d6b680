namespace BaiTiaoSwitch;

/// <summary>The Orleans <c>RequestContext</c> keys that carry proof of who calls. Nothing else about callers travels.</summary>
public static class CallerContextKeys
{
    /// <summary>The caller's <see cref="CallerToken"/>, set by the SDK on every call it makes.</summary>
    public const string Token = "bts.caller";

    /// <summary>A silo's stamp on a call it makes itself: an HMAC only silos can compute. Clients cannot forge it.</summary>
    public const string InternalStamp = "bts.internal";
}
