namespace BaiTiaoSwitch.Gateway.Signing;

/// <summary>Why a request was answered 401. Logged, never told to the caller.</summary>
public enum UnauthenticatedReason
{
    MissingHeader,
    UnknownChannel,
    MalformedTimestamp,
    StaleTimestamp,
    MalformedNonce,
    BadSignature,
    ReplayedNonce,
}
