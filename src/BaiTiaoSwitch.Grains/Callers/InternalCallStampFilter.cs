namespace BaiTiaoSwitch.Callers;

/// <summary>
/// Stamps every call this silo makes as the cluster's own (<see cref="InternalCallStamp"/>), for the duration of that
/// call only. Calls to clients carry no stamp: a client must never hold one it could replay.
/// </summary>
public sealed class InternalCallStampFilter(InternalCallStamp stamps) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.TargetId.IsClient())
        {
            Orleans.Runtime.RequestContext.Remove(CallerContextKeys.InternalStamp);
            await context.Invoke();
            return;
        }

        Orleans.Runtime.RequestContext.Set(CallerContextKeys.InternalStamp, stamps.Make(context.TargetId, context.InterfaceName, context.MethodName));
        try
        {
            await context.Invoke();
        }
        finally
        {
            Orleans.Runtime.RequestContext.Remove(CallerContextKeys.InternalStamp);
        }
    }
}
