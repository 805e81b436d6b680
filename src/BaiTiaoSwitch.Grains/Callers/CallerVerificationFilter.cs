using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Callers;

/// <summary>
/// The silo's door: every incoming call is checked against its method's <see cref="CallRequirement"/> before it runs.
/// A client proves its caller with a token (<see cref="CallerContextKeys.Token"/>); a silo proves the call is its own
/// with a stamp (<see cref="CallerContextKeys.InternalStamp"/>). What was proven is exposed to grain code through
/// <see cref="CurrentCaller"/> for the duration of the call.
/// </summary>
public sealed partial class CallerVerificationFilter(
    CallerTokenVerifier tokens,
    InternalCallStamp stamps,
    ILogger<CallerVerificationFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var requirement = CallRequirements.Of(context.InterfaceMethod, context.TargetId);
        if (requirement == CallRequirement.Open)
        {
            await context.Invoke();
            return;
        }

        var isInternal = stamps.IsValid(Orleans.Runtime.RequestContext.Get(CallerContextKeys.InternalStamp) as string, context.TargetId, context.InterfaceName, context.MethodName);
        var caller = tokens.Verify(Orleans.Runtime.RequestContext.Get(CallerContextKeys.Token) as string);
        if (!isInternal)
        {
            Check(requirement, caller, context);
        }

        var outer = CurrentCaller.Enter(new VerifiedCall(caller, isInternal));
        try
        {
            await context.Invoke();
        }
        finally
        {
            CurrentCaller.Leave(outer);
        }
    }

    private void Check(CallRequirement requirement, Caller? caller, IIncomingGrainCallContext context)
    {
        var method = $"{context.InterfaceMethod.DeclaringType?.Name}.{context.MethodName}";
        switch (requirement)
        {
            case CallRequirement.Reminder when context.SourceId is not { } source || !source.IsClient():
                return;
            case CallRequirement.ClusterInternal:
                LogRefused(caller?.Channel ?? "(none)", method, "cluster-internal method");
                throw ForbiddenException.ClusterInternal(method);
            case CallRequirement.VerifiedCaller when caller is not null:
                return;
            case CallRequirement.Issuer or CallRequirement.Reminder when caller is { IsIssuer: true }:
                return;
        }

        if (caller is null)
        {
            LogRefused("(none)", method, "no valid caller token");
            throw UnauthenticatedException.NoValidToken();
        }

        LogRefused(caller.Channel, method, "issuer method");
        throw ForbiddenException.IssuerOnly(method);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Call refused: {Method} from caller {Channel}: {Reason}")]
    private partial void LogRefused(string channel, string method, string reason);
}
