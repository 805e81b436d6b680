namespace BaiTiaoSwitch.Gateway.Problems;

/// <summary>Codes the HTTP edge adds to <see cref="ErrorCodes"/>. Stable: never renamed once published.</summary>
public static class GatewayErrorCodes
{
    public const string BodyTooLarge = "body_too_large";
    public const string IdempotencyKeyInvalid = "idempotency_key_invalid";
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Unavailable = "unavailable";
    public const string InternalError = "internal_error";
}
