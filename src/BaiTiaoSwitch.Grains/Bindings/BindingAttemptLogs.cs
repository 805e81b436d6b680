using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Bindings;

// What a binding attempt tells operators. Never a code, a number, an identity number or a phone.
public sealed partial class BindingAttemptGrain
{
    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Binding verified for channel {Channel}: grant {GrantId} is active")]
    private partial void LogVerified(string channel, string grantId);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, Message = "Wrong one-time code for channel {Channel} on grant {GrantId}: {WrongTries} wrong so far; attempt ended: {Ended}")]
    private partial void LogWrongCode(string channel, string grantId, int wrongTries, bool ended);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Warning, Message = "Binding attempt of channel {Channel} on grant {GrantId} ended: {Why}; its pending grant is revoked")]
    private partial void LogEnded(string channel, string grantId, string why);

    [LoggerMessage(EventId = 3114, Level = LogLevel.Warning, Message = "Code refused unchecked for channel {Channel} on grant {GrantId}: binding on the card is locked or its codes for this hour are spent")]
    private partial void LogLocked(string channel, string grantId);

    [LoggerMessage(EventId = 3115, Level = LogLevel.Error, Message = "Binding of channel {Channel}: grant {GrantId} was verified but its activation did not finish ({ExceptionType}); a retry or the attempt's reminder finishes it")]
    private partial void LogActivationUnfinished(string channel, string grantId, string exceptionType);
}
