using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Bindings;

/// <summary>Issue 6 §2: binding (授权) cannot be brute-forced, flooded or replayed into a second code. Default binding settings.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BindingAbuseTests(GatewayFixture fixture)
{
    [Fact]
    public async Task The_card_lock_is_checked_at_verify_as_well_as_at_start()
    {
        var card = await Flows.OpenCard(fixture);
        var grantId = (await Flows.StartBinding(fixture.Alipay, card)).Str("grantId");
        var otp = await Flows.SandboxOtp(fixture, card.Holder);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(422, (await Flows.StartBinding(fixture.Wechat, card, card.Holder with { Name = "李四" })).Status);
        }

        var locked = await fixture.Alipay.Post($"/v1/bindings/{grantId}/verify", new { otp });

        AssertProblem(locked, 429, "verification_locked");
        Assert.Equal("pending_verification", (await fixture.Alipay.Get($"/v1/grants/{grantId}")).Str("status"));
    }

    [Fact]
    public async Task A_new_start_supersedes_the_channels_open_attempt_its_code_dies_and_its_grant_is_revoked()
    {
        var card = await Flows.OpenCard(fixture);
        var first = (await Flows.StartBinding(fixture.Alipay, card)).Str("grantId");
        var firstOtp = await Flows.SandboxOtp(fixture, card.Holder);
        var second = (await Flows.StartBinding(fixture.Alipay, card)).Str("grantId");
        var secondOtp = await Flows.SandboxOtp(fixture, card.Holder);

        AssertProblem(await fixture.Alipay.Post($"/v1/bindings/{first}/verify", new { otp = firstOtp }), 422, "otp_invalid");
        Assert.Equal("revoked", (await fixture.Alipay.Get($"/v1/grants/{first}")).Str("status"));
        Assert.Equal(200, (await fixture.Alipay.Post($"/v1/bindings/{second}/verify", new { otp = secondOtp })).Status);
    }

    [Fact]
    public async Task Another_channels_start_leaves_this_channels_attempt_open()
    {
        var card = await Flows.OpenCard(fixture);
        var alipay = (await Flows.StartBinding(fixture.Alipay, card)).Str("grantId");
        var otp = await Flows.SandboxOtp(fixture, card.Holder);
        await Flows.StartBinding(fixture.Wechat, card);

        Assert.Equal(200, (await fixture.Alipay.Post($"/v1/bindings/{alipay}/verify", new { otp })).Status);
    }

    [Fact]
    public async Task Codes_sent_to_one_phone_are_limited_per_hour_and_beyond_it_a_start_is_verification_locked()
    {
        var card = await Flows.OpenCard(fixture);
        var limit = new BindingOptions().CodesPerPhonePerHourMax;
        for (var i = 0; i < limit; i++)
        {
            Assert.Equal(202, (await Flows.StartBinding(i % 2 == 0 ? fixture.Alipay : fixture.Wechat, card)).Status);
        }

        var refused = await Flows.StartBinding(fixture.Alipay, card);
        AssertProblem(refused, 429, "verification_locked");

        // The same answer whatever the other elements: the limit is the phone's, decided before they are checked.
        Assert.Equal(refused.Text, (await Flows.StartBinding(fixture.Alipay, card, card.Holder with { Name = "李四" })).Text);

        TestClock.Instance.Advance(TimeSpan.FromHours(1));
        Assert.Equal(202, (await Flows.StartBinding(fixture.Alipay, card)).Status);
    }

    [Fact]
    public async Task A_replayed_start_sends_no_second_code_and_the_holders_code_keeps_working()
    {
        var card = await Flows.OpenCard(fixture);
        var wallet = new BaiTiaoSwitchClient(fixture.Cluster.Client, TestSecrets.Credential("alipay"));
        var request = new BindingRequest(card.CardNumber, new BaiTiaoSwitch.Accounts.Holder(card.Holder.Name, card.Holder.IdNumber, card.Holder.Phone));
        var key = RequestOptions.WithKey(SignedClient.NewKey());

        // Through the SDK, so the core itself sees the replay (the HTTP edge would answer it from its record).
        var first = await wallet.StartBindingAsync(request, key);
        var otp = await Flows.SandboxOtp(fixture, card.Holder);
        var again = await wallet.StartBindingAsync(request, key);

        Assert.Equal(first.GrantId, again.GrantId);
        Assert.Equal(otp, await Flows.SandboxOtp(fixture, card.Holder));
        Assert.Equal(200, (await fixture.Alipay.Post($"/v1/bindings/{first.GrantId}/verify", new { otp })).Status);
    }

    [Fact]
    public async Task A_start_claims_its_key_in_the_channels_namespace_so_a_payments_key_is_refused()
    {
        var paying = await Flows.OpenCard(fixture);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, paying);
        var key = SignedClient.NewKey();
        Assert.Equal(200, (await Flows.Authorize(fixture.Alipay, grantId, 1_000, key)).Status);

        var card = await Flows.OpenCard(fixture);
        var reused = await fixture.Alipay.Post("/v1/bindings", new { cardNumber = card.CardNumber, holder = card.Holder.Body }, key);

        AssertProblem(reused, 409, "idempotency_key_reused");
        Assert.Empty((await fixture.Issuer.Get($"/v1/cards/{card.CardId}/grants")).Body!["grants"]!.AsArray());
    }

    private static void AssertProblem(ApiResponse response, int status, string code)
    {
        Assert.True(response.Status == status, response.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(code, response.Code);
        Assert.Equal(status, response.Body!["status"]!.GetValue<int>());
        Assert.Equal(["code", "detail", "status", "title", "type"], response.Body.AsObject().Select(member => member.Key).Order());
    }
}
