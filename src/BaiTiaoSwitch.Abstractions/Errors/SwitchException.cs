namespace BaiTiaoSwitch;

/// <summary>
/// The one base type of every error the switch reports. <see cref="Code"/> is a stable machine code
/// from <see cref="ErrorCodes"/>; the message says what to do next and never holds sensitive data.
/// </summary>
[GenerateSerializer, Alias("bts.SwitchException")]
public abstract class SwitchException : Exception
{
    protected SwitchException(string code, string message, bool isRetryable, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        IsRetryable = isRetryable;
    }

    [Id(0)]
    public string Code { get; }

    /// <summary>True when the same request, with the same idempotency key, may be sent again.</summary>
    [Id(1)]
    public bool IsRetryable { get; }
}

/// <summary>The request is malformed or out of bounds. Nothing was written. Fix the request.</summary>
[GenerateSerializer, Alias("bts.InvalidRequestException")]
public sealed class InvalidRequestException(string code, string message) : SwitchException(code, message, false);

/// <summary>The object does not exist, or the caller may not see it. The two are never told apart.</summary>
[GenerateSerializer, Alias("bts.NotFoundException")]
public sealed class NotFoundException(string message) : SwitchException(ErrorCodes.NotFound, message, false);

/// <summary>The idempotency key was used before with other parameters. Use a new key for a new request.</summary>
[GenerateSerializer, Alias("bts.IdempotencyKeyReusedException")]
public sealed class IdempotencyKeyReusedException(string message) : SwitchException(ErrorCodes.IdempotencyKeyReused, message, false);

/// <summary>The request is well-formed but the object's state does not allow it (e.g. capturing a reversed hold).</summary>
[GenerateSerializer, Alias("bts.OperationRejectedException")]
public sealed class OperationRejectedException(string code, string message) : SwitchException(code, message, false);

/// <summary>
/// The switch could not confirm whether the request took effect (a storage write failed or timed out).
/// Retry with the same idempotency key: the retry returns the original result if there was one.
/// </summary>
[GenerateSerializer, Alias("bts.OutcomeUnknownException")]
public sealed class OutcomeUnknownException(string message, Exception? innerException = null) : SwitchException(ErrorCodes.OutcomeUnknown, message, true, innerException)
{
    /// <summary>
    /// The key the request was sent with, filled in by the SDK (which may have generated it): retry with it, or
    /// reverse by it. Null when the error was raised where the key is not known.
    /// </summary>
    [Id(0)]
    [field: NonSerialized]
    public string? IdempotencyKey { get; set; }
}

/// <summary>The line has more requests waiting than its queue limit. Retry with backoff and the same key.</summary>
[GenerateSerializer, Alias("bts.SwitchOverloadedException")]
public sealed class SwitchOverloadedException(string message) : SwitchException(ErrorCodes.Overloaded, message, true);
