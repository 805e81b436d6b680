using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Callers;

/// <summary>Guarantee 9, authorization: issuer methods need the issuer; methods internal to the cluster refuse every client.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CallerPermissionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_wallet_client_calling_an_issuer_method_is_refused()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");

        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.OpenAccountAsync(new OpenAccountRequest("acct-" + Guid.NewGuid().ToString("N")[..12], new Holder("张三", "110101199003077777", "13800138000"), Money.Fen(1_000), 700)));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.GetAccountAsync(scenario.AccountId));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.ChangeCreditLimitAsync(scenario.AccountId, Money.Fen(1_000_000)));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.GetCardAsync(scenario.CardId));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.UnfreezeCardAsync(scenario.CardId));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.SuspendGrantAsync(scenario.Grants["alipay"].GrantId));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.SetGrantLimitsAsync(scenario.Grants["alipay"].GrantId, new SpendLimits(PerTransactionMax: 1_000_000)));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.InvokeAsync(grains => grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)));
        Assert.Equal(10_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).CreditLimit.Amount);
    }

    [Fact]
    public async Task A_wallet_cannot_make_itself_a_grant_except_through_verified_binding()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("wechatpay");
        var card = (await scenario.Issuer.GetCardAsync(scenario.CardId)).CardId;
        var route = new GrantRoute("gr_" + Guid.NewGuid().ToString("N")[..20], scenario.AccountId, card, "wechatpay");

        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.CreateGrantAsync(card, new GrantRequest("wechatpay")));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.InvokeAsync(grains => grains.GetGrain<IVirtualCardGrain>(card).CreatePendingGrant("k-pending", "wechatpay")));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.InvokeAsync(grains => grains.GetGrain<IAuthorizationGrantGrain>(route.GrantId).Create(route, "0000", new GrantRequest("wechatpay"), verified: true, isNew: false)));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.InvokeAsync(grains => grains.GetGrain<IAuthorizationGrantGrain>(route.GrantId).Activate()));
        Assert.Single(await scenario.Issuer.ListGrantsAsync(card));
    }

    [Fact]
    public async Task A_client_calling_an_internal_method_is_refused_whatever_its_role()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grant = scenario.Grants["alipay"];
        var opened = new GrantPolicy(grant.GrantId, scenario.CardId, "alipay", GrantStatus.Active, SpendLimits.None, [], null, long.MaxValue);

        foreach (var client in new[] { scenario.Wallet("alipay"), scenario.Issuer })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(async grains =>
            {
                await grains.GetGrain<ICreditAccountGrain>(scenario.AccountId).UpsertGrantPolicy(opened);
                return 0;
            }));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(grains => grains.GetGrain<ICreditAccountGrain>(scenario.AccountId).ExpireHolds()));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(grains => grains.GetGrain<ICreditAccountGrain>(scenario.AccountId).CheckHolder(new Holder("张三", "110101199003077777", "13800138000"))));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(async grains =>
            {
                await grains.GetGrain<ICardNumberIndexGrain>("any-hash").Register(scenario.CardId);
                return 0;
            }));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(grains => grains.GetGrain<IVirtualCardGrain>(scenario.CardId).HasNumber(scenario.CardNumber)));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(async grains =>
            {
                await grains.GetGrain<ICardBindingGrain>("any-hash").CheckCode("gr_any", "alipay", "expected", "given");
                return 0;
            }));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(async grains =>
            {
                await grains.GetGrain<IBindingAttemptGrain>(grant.GrantId).Supersede();
                return 0;
            }));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(grains => grains.GetGrain<IPhoneCodesGrain>("any-phone-hash").TrySpend()));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(grains => grains.GetGrain<IAuthorizationGrantGrain>(grant.GrantId).GetRoute()));
        }

        Assert.Equal(0, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task A_forged_internal_stamp_is_refused()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var account = fixture.Cluster.GrainFactory.GetGrain<ICreditAccountGrain>(scenario.AccountId);

        // The right shape and inputs (target | method | minute), but the HMAC of a key no client has.
        var minute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
        var text = $"{account.GetGrainId()}|BaiTiaoSwitch.Accounts.ICreditAccountGrain.ExpireHolds|{minute}";
        var forged = Base64Url.EncodeToString(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Encoding.UTF8.GetBytes(text)));

        await Assert.ThrowsAsync<ForbiddenException>(() => WithInternalStamp(forged, () => account.ExpireHolds()));
        await Assert.ThrowsAsync<ForbiddenException>(() => WithInternalStamp("not-a-stamp", () => account.ExpireHolds()));
    }

    [Fact]
    public async Task A_reminder_tick_sent_by_a_client_is_refused()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        await Assert.ThrowsAsync<ForbiddenException>(() => scenario.Wallet("alipay").InvokeAsync(async grains =>
        {
            await grains.GetGrain<ICreditAccountGrain>(scenario.AccountId).AsReference<IRemindable>().ReceiveReminder("hold-sweep", default);
            return 0;
        }));
    }

    [Fact]
    public async Task A_silo_itself_may_call_internal_methods()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        Assert.Equal(0, await Activations.SiloGrains(fixture.Cluster).GetGrain<ICreditAccountGrain>(scenario.AccountId).ExpireHolds());
    }

    private static async Task<T> WithInternalStamp<T>(string stamp, Func<Task<T>> call)
    {
        RequestContext.Set(CallerContextKeys.Token, CallerToken.Mint(TestKeys.Issuer, DateTimeOffset.UtcNow.AddMinutes(5)));
        RequestContext.Set(CallerContextKeys.InternalStamp, stamp);
        return await call();
    }
}
