using Orleans.Runtime;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// TestCluster's own client asks each silo's test hooks (a system target of test silos only) whether membership is
/// stable. Orleans' machinery takes the issuer or the cluster, so those calls, and only those, go as the test issuer.
/// </summary>
public sealed class TestHooksCallerFilter : IOutgoingGrainCallFilter
{
    private static readonly GrainType TestHooks = SystemTargetGrainId.CreateGrainType("test.hooks");

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!context.TargetId.Type.Equals(TestHooks))
        {
            await context.Invoke();
            return;
        }

        RequestContext.Set(CallerContextKeys.Token, CallerToken.Mint(BenchCallers.Issuer, DateTimeOffset.UtcNow + CallerToken.Lifetime));
        try
        {
            await context.Invoke();
        }
        finally
        {
            RequestContext.Remove(CallerContextKeys.Token);
        }
    }
}
