using System.Collections.Frozen;

namespace BaiTiaoSwitch.Gateway.Problems;

/// <summary>
/// Every error code the API answers with, its HTTP status and title. The one place where codes meet statuses:
/// the exception mapping and the OpenAPI document both read it.
/// </summary>
public static class ErrorCatalog
{
    public static readonly FrozenDictionary<string, ErrorInfo> Codes = new ErrorInfo[]
    {
        new(ErrorCodes.InvalidRequest, 400, "The request is malformed", "The body is not valid JSON for this route, has an unknown field or a wrong type, or a field breaks its rule."),
        new(ErrorCodes.InvalidId, 400, "An id is malformed", "Ids are 1 to 64 characters of [A-Za-z0-9_-]."),
        new(ErrorCodes.InvalidRule, 400, "A risk rule is invalid", "A rule's kind, mode, action or params break their rules (API.md \"Risk and monitoring\"); the detail names the field."),
        new(GatewayErrorCodes.BodyTooLarge, 400, "The body is too large", "Request bodies are at most 16 KiB."),
        new(GatewayErrorCodes.IdempotencyKeyInvalid, 400, "Idempotency-Key is missing or malformed", "POST, PUT and DELETE need an Idempotency-Key of 1 to 64 characters of [A-Za-z0-9_-]."),
        new(ErrorCodes.Unauthenticated, 401, "Not authenticated", "The request signature could not be verified. The reason is logged by the switch, not told."),
        new(ErrorCodes.Forbidden, 403, "Forbidden", "This channel's role may not call this route."),
        new(ErrorCodes.NotFound, 404, "Not found", "The object does not exist, or it belongs to another channel."),
        new(GatewayErrorCodes.MethodNotAllowed, 405, "Method not allowed", "This route does not take this method."),
        new(ErrorCodes.IdempotencyKeyReused, 409, "Idempotency-Key reused", "The key was used before with another request. Use a new key for a new request."),
        new(GatewayErrorCodes.IdempotencyKeyInUse, 409, "Idempotency-Key in use", "A request with this key is still running. Retry shortly with the same key."),
        new(ErrorCodes.AccountExists, 409, "Account exists", "An account with this id is already open with other details."),
        new(ErrorCodes.RulesLimitReached, 409, "Too many risk rules", "The cluster holds the configured most risk rules (64 by default); change an existing rule instead."),
        new(ErrorCodes.InvalidTransition, 409, "Invalid transition", "The object's status does not allow this change."),
        new(ErrorCodes.AuthorizationNotOpen, 409, "Authorization not open", "The authorization is no longer pending."),
        new(ErrorCodes.AccountNotActive, 409, "Account not active", "The account is frozen or closed."),
        new(ErrorCodes.CardNotActive, 409, "Card not active", "The card is frozen or cancelled."),
        new(ErrorCodes.GrantNotActive, 409, "Grant not active", "The grant is not active."),
        new(ErrorCodes.InvalidAmount, 422, "Invalid amount", "Amounts are integers of minor units from 1 to 10^12."),
        new(ErrorCodes.CurrencyNotSupported, 422, "Currency not supported", "Only CNY is configured."),
        new(ErrorCodes.CaptureExceedsAuthorization, 422, "Capture exceeds authorization", "The capture is larger than this authorization allows."),
        new(ErrorCodes.ReversalExceedsRemaining, 422, "Reversal exceeds remaining", "The reversal is larger than the open hold."),
        new(ErrorCodes.RefundExceedsCaptured, 422, "Refund exceeds captured", "Refunds never exceed what was captured."),
        new(ErrorCodes.AprAboveCap, 422, "APR above cap", "The installment plan's annual percentage rate, the internal rate of return of its payments, would exceed the configured cap (24% by default)."),
        new(ErrorCodes.RepaymentExceedsBalance, 422, "Repayment exceeds balance", "The repayment is more than the account owes."),
        new(ErrorCodes.ChannelNotConfigured, 422, "Channel not configured", "The switch has no such wallet channel."),
        new(ErrorCodes.VerificationFailed, 422, "Verification failed", "The card and holder details could not be verified. Which element failed is never told."),
        new(ErrorCodes.OtpInvalid, 422, "One-time code invalid", "The code is wrong or expired. Three wrong codes end the binding attempt."),
        new(ErrorCodes.VerificationLocked, 429, "Binding locked", "Five failed verifications on this card within an hour lock binding on it for an hour. Codes checked on one card and codes sent to one phone are limited per hour too (10 and 5 by default)."),
        new(GatewayErrorCodes.InternalError, 500, "Internal error", "Something failed in the switch. It is logged; retry with the same Idempotency-Key."),
        new(ErrorCodes.OutcomeUnknown, 503, "Outcome unknown", "The switch could not confirm whether the request took effect. Retry with the same Idempotency-Key."),
        new(ErrorCodes.Overloaded, 503, "Overloaded", "Too many requests are waiting. Retry with backoff and the same Idempotency-Key."),
        new(GatewayErrorCodes.Unavailable, 503, "Unavailable", "The gateway cannot reach the cluster. Retry with backoff."),
    }.ToFrozenDictionary(info => info.Code, StringComparer.Ordinal);

    public static ErrorInfo Get(string code) => Codes.TryGetValue(code, out var info) ? info : Codes[ErrorCodes.InvalidRequest];

    /// <summary>The status for a code the catalog does not know: by the kind of exception that carried it.</summary>
    public static int StatusOf(SwitchException exception) =>
        Codes.TryGetValue(exception.Code, out var info) ? info.Status : exception switch
        {
            InvalidRequestException => 400,
            NotFoundException => 404,
            IdempotencyKeyReusedException => 409,
            _ when exception.IsRetryable => 503,
            _ => 422,
        };
}

public sealed record ErrorInfo(string Code, int Status, string Title, string Description);
