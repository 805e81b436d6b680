using BaiTiaoSwitch.Callers;
using Orleans.Runtime;

namespace BaiTiaoSwitch.Testing.Hosting;

/// <summary>
/// TestCluster's own client asks each silo's test hooks (a system target of test silos only) whether membership is
/// stable. The switch's silos take the issuer or the cluster itself, so those calls, and only those, go as the test
/// cluster's issuer.
/// </summary>
public sealed class TestHooksCallerFilter(SwitchTestEnvironment environment) : IOutgoingGrainCallFilter
{
    private static readonly GrainType TestHooks = SystemTargetGrainId.CreateGrainType("test.hooks");

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.TargetId.Type.Equals(TestHooks))
        {
            await context.Invoke().ConfigureAwait(false);
            return;
        }

        RequestContext.Set(CallerContextKeys.Token, CallerToken.Mint(environment.Credentials.Issuer, DateTimeOffset.UtcNow + CallerToken.Lifetime));
        try
        {
            await context.Invoke().ConfigureAwait(false);
        }
        finally
        {
            RequestContext.Remove(CallerContextKeys.Token);
        }
    }
}
