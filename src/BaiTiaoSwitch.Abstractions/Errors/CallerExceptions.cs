namespace BaiTiaoSwitch;

/// <summary>
/// The call carried no valid proof of its caller: no token, a token whose signature or role does not match the
/// channel's configured key, or an expired one. Configure the SDK with the channel's cluster key. Never retryable.
/// </summary>
[GenerateSerializer, Alias("bts.UnauthenticatedException")]
public sealed class UnauthenticatedException(string message) : SwitchException(ErrorCodes.Unauthenticated, message, false)
{
    public static UnauthenticatedException NoValidToken() => new(
        "This call carries no valid caller token. Give the SDK the channel's cluster key (BaiTiaoSwitchClientOptions.Key, or As(CallerCredential)) " +
        "exactly as the silos are configured for that channel (BaiTiaoSwitch:Callers), and check that this machine's clock is right.");
}

/// <summary>The caller is proven but may not call this method: a wallet calling an issuer method, or any client calling a method internal to the cluster.</summary>
[GenerateSerializer, Alias("bts.ForbiddenException")]
public sealed class ForbiddenException(string message) : SwitchException(ErrorCodes.Forbidden, message, false)
{
    public static ForbiddenException IssuerOnly(string method) => new(
        $"{method} is an issuer operation; a wallet channel may not call it. Call it with the issuer channel's credential.");

    public static ForbiddenException ClusterInternal(string method) => new(
        $"{method} is internal to the cluster; no client may call it. Use the SDK's public operations instead.");
}
