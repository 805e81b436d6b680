using System.Text.RegularExpressions;

namespace BaiTiaoSwitch.Gateway.Problems;

/// <summary>Turns what a route throws into a problem answer with a stable code.</summary>
public sealed partial class ProblemFilter(ILogger<ProblemFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception)
        {
            return ToProblem(exception, context.HttpContext, logger);
        }
    }

    public static IResult ToProblem(Exception exception, HttpContext context, ILogger logger)
    {
        switch (exception)
        {
            case UnauthenticatedException or ForbiddenException:
                // The request's signature and role were checked here; a cluster that still refuses means this
                // gateway's cluster key or the silos' callers are misconfigured. The caller cannot fix that.
                LogClusterRefusedGateway(logger, context.Features.Get<Signing.SignedRequest>()?.Caller.Channel ?? "(none)", ((SwitchException)exception).Code);
                return ApiProblems.Result(GatewayErrorCodes.InternalError);
            case SwitchException switchException:
                if (switchException.IsRetryable)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                return ApiProblems.FromException(switchException);
            case var transient when ClusterFailures.IsTransient(transient, context):
                LogClusterFailure(logger, exception.GetType().Name);
                context.Response.Headers.RetryAfter = "1";
                return ApiProblems.Result(HttpMethods.IsGet(context.Request.Method) ? GatewayErrorCodes.Unavailable : ErrorCodes.OutcomeUnknown);
            default:
                // Messages of unexpected exceptions are not ours to trust: long digit runs are cut before logging.
                LogUnexpected(logger, exception.GetType().FullName ?? "?", DigitRuns().Replace(exception.Message, "***"), exception.StackTrace ?? "");
                return ApiProblems.Result(GatewayErrorCodes.InternalError);
        }
    }

    [GeneratedRegex(@"\d{4,}")]
    private static partial Regex DigitRuns();

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "The cluster refused this gateway's call for channel {Channel} ({Code}): check Gateway:Channels:<n>:ClusterKey against the silos' BaiTiaoSwitch:Callers")]
    private static partial void LogClusterRefusedGateway(ILogger logger, string channel, string code);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "A cluster call failed: {ExceptionType}")]
    private static partial void LogClusterFailure(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "A route failed unexpectedly: {ExceptionType}: {Message}\n{StackTrace}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string message, string stackTrace);
}
