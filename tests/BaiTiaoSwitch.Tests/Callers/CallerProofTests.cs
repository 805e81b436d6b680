using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Callers;

/// <summary>Guarantee 9, authentication: a caller is what its token proves, never what the client claims.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CallerProofTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task A_client_that_claims_another_channel_is_refused()
    {
        var scenario = await Scenario.Create(Grains, 10_000, "alipay");
        var grantId = scenario.Grants["alipay"].GrantId;

        // It says it is alipay but holds no alipay key; or it signs as wechatpay with alipay's key.
        var claimsAlipay = new BaiTiaoSwitchClient(Grains, TestKeys.NewCaller("alipay", ChannelRole.Wallet));
        var wechatWithAlipayKey = new BaiTiaoSwitchClient(Grains, TestKeys.Alipay with { Channel = "wechatpay" });
        var claimsIssuer = new BaiTiaoSwitchClient(Grains, TestKeys.Alipay with { Role = ChannelRole.Issuer });

        await Assert.ThrowsAsync<UnauthenticatedException>(() => claimsAlipay.GetGrantAsync(grantId));
        await Assert.ThrowsAsync<UnauthenticatedException>(() => claimsAlipay.AuthorizeAsync(new AuthorizeRequest(grantId, null, Money.Fen(100), Scenario.Shop)));
        await Assert.ThrowsAsync<UnauthenticatedException>(() => wechatWithAlipayKey.GetGrantAsync(grantId));
        await Assert.ThrowsAsync<UnauthenticatedException>(() => claimsIssuer.GetAccountAsync(scenario.AccountId));
        Assert.Equal(0, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task A_client_with_no_credential_is_refused()
    {
        var scenario = await Scenario.Create(Grains, 10_000, "alipay");
        var anonymous = new BaiTiaoSwitchClient(Grains, credential: null);
        var grantId = scenario.Grants["alipay"].GrantId;

        await Assert.ThrowsAsync<UnauthenticatedException>(() => anonymous.GetGrantAsync(grantId));
        await Assert.ThrowsAsync<UnauthenticatedException>(() => anonymous.AuthorizeAsync(new AuthorizeRequest(grantId, null, Money.Fen(100), Scenario.Shop)));
        await Assert.ThrowsAsync<UnauthenticatedException>(() => anonymous.GetAccountAsync(scenario.AccountId));
        await Assert.ThrowsAsync<UnauthenticatedException>(() => anonymous.CountActiveSilosAsync());

        // Orleans' own grains are no way around it: management takes the issuer or the cluster.
        await Assert.ThrowsAsync<UnauthenticatedException>(() => Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var scenario = await Scenario.Create(Grains, 10_000, "alipay");
        var expired = CallerToken.Mint(TestKeys.Alipay, DateTimeOffset.UtcNow.AddSeconds(-1));

        await Assert.ThrowsAsync<UnauthenticatedException>(() => CallWithToken(expired, () => Grains.GetGrain<IAuthorizationGrantGrain>(scenario.Grants["alipay"].GrantId).Get()));

        var current = CallerToken.Mint(TestKeys.Alipay, DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(scenario.Grants["alipay"].GrantId, (await CallWithToken(current, () => Grains.GetGrain<IAuthorizationGrantGrain>(scenario.Grants["alipay"].GrantId).Get())).GrantId);
    }

    [Fact]
    public async Task The_sdk_token_stays_inside_the_sdk_and_never_enters_the_callers_request_context()
    {
        var scenario = await Scenario.Create(Grains, 10_000, "alipay");

        await scenario.Wallet("alipay").GetGrantAsync(scenario.Grants["alipay"].GrantId);

        Assert.Null(RequestContext.Get(CallerContextKeys.Token));
    }

    [Fact]
    public async Task A_key_the_sdk_generated_comes_back_on_the_result_and_replays_the_same_payment()
    {
        var scenario = await Scenario.Create(Grains, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");
        var request = new AuthorizeRequest(scenario.Grants["alipay"].GrantId, null, Money.Fen(1_200), Scenario.Shop);

        var first = await wallet.AuthorizeAsync(request);
        var again = await wallet.AuthorizeAsync(request, RequestOptions.WithKey(first.IdempotencyKey!));

        Assert.NotNull(first.IdempotencyKey);
        Assert.Equal(first.AuthorizationId, again.AuthorizationId);
        Assert.Equal(1_200, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    /// <summary>A raw grain call with <paramref name="token"/> as its caller proof, inside its own async frame.</summary>
    private static async Task<T> CallWithToken<T>(string token, Func<Task<T>> call)
    {
        RequestContext.Set(CallerContextKeys.Token, token);
        return await call();
    }
}
