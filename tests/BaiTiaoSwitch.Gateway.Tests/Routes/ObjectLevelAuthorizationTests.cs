using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

/// <summary>A wallet sees and acts only on what was made through its own grants; anything else is 404, as if absent.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ObjectLevelAuthorizationTests(GatewayFixture fixture)
{
    private static void AssertNotFound(ApiResponse response)
    {
        Assert.Equal(404, response.Status);
        Assert.Equal("not_found", response.Code);
    }

    [Fact]
    public async Task Another_wallet_cannot_read_capture_reverse_refund_or_revoke_and_gets_404_each_time()
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, token) = await Flows.Bind(fixture, fixture.Alipay, card);
        var authorization = await Flows.Authorize(fixture.Alipay, grantId, 10_000);
        var authorizationId = authorization.Str("authorizationId");
        var capture = await fixture.Alipay.Post($"/v1/authorizations/{authorizationId}/captures", new { amount = new { amount = 4_000, currency = "CNY" }, final = false });
        var captureId = capture.Str("captureId");
        var money = new { amount = new { amount = 1_000, currency = "CNY" } };

        var absent = await fixture.Wechat.Get("/v1/grants/gr_doesnotexist0000000");
        AssertNotFound(absent);
        var foreignGrant = await fixture.Wechat.Get($"/v1/grants/{grantId}");
        AssertNotFound(foreignGrant);
        Assert.Equal(absent.Body!["title"]!.ToJsonString(), foreignGrant.Body!["title"]!.ToJsonString());
        AssertNotFound(await fixture.Wechat.Get($"/v1/authorizations/{authorizationId}"));
        AssertNotFound(await fixture.Wechat.Post($"/v1/authorizations/{authorizationId}/increments", money));
        AssertNotFound(await fixture.Wechat.Post($"/v1/authorizations/{authorizationId}/captures", new { amount = new { amount = 1_000, currency = "CNY" }, final = true }));
        AssertNotFound(await fixture.Wechat.Post($"/v1/authorizations/{authorizationId}/reversals", new { }));
        AssertNotFound(await fixture.Wechat.Post($"/v1/captures/{captureId}/refunds", money));
        AssertNotFound(await fixture.Wechat.Delete($"/v1/grants/{grantId}"));
        var byGrant = await fixture.Wechat.Post("/v1/authorizations", new { grantId, amount = new { amount = 100, currency = "CNY" }, merchant = Flows.Merchant });
        AssertNotFound(byGrant);
        var byToken = await fixture.Wechat.Post("/v1/authorizations", new { walletToken = token, amount = new { amount = 100, currency = "CNY" }, merchant = Flows.Merchant });
        AssertNotFound(byToken);

        // Nothing moved: the owner still sees its objects exactly as it left them.
        var after = await fixture.Alipay.Get($"/v1/authorizations/{authorizationId}");
        Assert.Equal(10_000, after.Amount("amount"));
        Assert.Equal(4_000, after.Amount("captured"));
        Assert.Equal(0, after.Amount("reversed"));
        Assert.Equal("pending", after.Str("status"));
        Assert.Equal("active", (await fixture.Alipay.Get($"/v1/grants/{grantId}")).Str("status"));
        var account = await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}");
        Assert.Equal(4_000, account.Amount("posted"));
        Assert.Equal(6_000, account.Amount("pending"));
    }

    [Fact]
    public async Task A_wallet_never_sees_another_wallets_token_on_a_shared_card()
    {
        var card = await Flows.OpenCard(fixture);
        var (_, alipayToken) = await Flows.Bind(fixture, fixture.Alipay, card);
        var (wechatGrant, wechatToken) = await Flows.Bind(fixture, fixture.Wechat, card);
        var own = await fixture.Wechat.Get($"/v1/grants/{wechatGrant}");
        Assert.Equal(wechatToken, own.Str("walletToken"));
        Assert.DoesNotContain(alipayToken, own.Text);
    }
}
