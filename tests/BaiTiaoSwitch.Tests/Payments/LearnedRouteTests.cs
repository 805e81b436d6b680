using System.Reflection;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Tests.Payments;

/// <summary>
/// A grant's first payment needs no lookup of the grant (issue 7 §2): the answer that made, bound or showed the grant
/// names its line, so the SDK that saw it goes straight to the account; and the silo that made it tells its own router,
/// so a wallet that never saw it is routed without the grant's record being read back.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LearnedRouteTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_first_payment_through_a_grant_the_sdk_made_asks_the_router_nothing()
    {
        var counted = RouterCounting.Wrap(fixture.Cluster.GrainFactory, out var routerCalls);
        var scenario = await Scenario.Create(counted, 10_000, "alipay");

        var paid = await scenario.Pay("alipay", 100);

        Assert.Equal(Decision.Approved, paid.Decision);
        Assert.Equal(0, routerCalls());
    }

    [Fact]
    public async Task A_grant_the_sdk_only_read_routes_too_and_one_it_never_saw_is_asked_for_once()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay", "wechatpay");
        var counted = RouterCounting.Wrap(fixture.Cluster.GrainFactory, out var routerCalls);
        var issuer = new BaiTiaoSwitchClient(counted, TestKeys.Issuer);
        var alipay = issuer.As(TestKeys.Wallet("alipay"));
        var wechat = issuer.As(TestKeys.Wallet("wechatpay"));

        await alipay.GetGrantAsync(scenario.Grants["alipay"].GrantId);
        await alipay.AuthorizeAsync(new AuthorizeRequest(scenario.Grants["alipay"].GrantId, null, Money.Fen(100), Scenario.Shop));
        Assert.Equal(0, routerCalls());

        await wechat.AuthorizeAsync(new AuthorizeRequest(scenario.Grants["wechatpay"].GrantId, null, Money.Fen(100), Scenario.Shop));
        await wechat.AuthorizeAsync(new AuthorizeRequest(scenario.Grants["wechatpay"].GrantId, null, Money.Fen(100), Scenario.Shop));
        Assert.Equal(1, routerCalls());
    }

    [Fact]
    public async Task A_route_learned_by_the_issuer_does_not_let_another_channel_pay_through_the_grant()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        // The issuer made the grant, so the shared route cache knows it; the account still checks the caller's channel.
        await Assert.ThrowsAsync<NotFoundException>(() =>
            scenario.Wallet("wechatpay").AuthorizeAsync(new AuthorizeRequest(scenario.Grants["alipay"].GrantId, null, Money.Fen(100), Scenario.Shop)));
        Assert.Empty((await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Authorizations.Values);
    }

    [Fact]
    public async Task The_silo_that_made_a_grant_routes_it_without_reading_the_grant_back()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grant = scenario.Grants["alipay"];

        // A wallet that never saw the grant asks a router; the one on the silo that made the grant knows the route.
        var known = fixture.Cluster.GetActiveSilos().Cast<Orleans.TestingHost.InProcessSiloHandle>()
            .Select(silo => silo.SiloHost.Services.GetRequiredService<GrantRouteCache>().TryGet(grant.GrantId, out var route) ? route : null)
            .Where(route => route is not null)
            .ToList();

        Assert.NotEmpty(known);
        Assert.All(known, route => Assert.Equal(new GrantRoute(grant.GrantId, scenario.AccountId, scenario.CardId, "alipay"), route));
    }

    /// <summary>A grain factory that counts the payment router references the SDK takes, and forwards every call.</summary>
    public class RouterCounting : DispatchProxy
    {
        private IGrainFactory inner = null!;
        private int routerCalls;

        public static IGrainFactory Wrap(IGrainFactory inner, out Func<int> routerCalls)
        {
            var proxy = Create<IGrainFactory, RouterCounting>();
            var counting = (RouterCounting)(object)proxy;
            counting.inner = inner;
            routerCalls = () => Volatile.Read(ref counting.routerCalls);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && method.GetGenericArguments()[0] == typeof(IPaymentRouterGrain))
            {
                Interlocked.Increment(ref routerCalls);
            }

            try
            {
                return method!.Invoke(inner, args);
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException is { } thrown)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
                throw;
            }
        }
    }
}
