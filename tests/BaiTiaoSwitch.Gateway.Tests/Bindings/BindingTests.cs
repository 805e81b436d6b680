using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Bindings;

[Collection(GatewayCollection.Name)]
public sealed class BindingTests(GatewayFixture fixture)
{
    private static void AssertVerificationFailed(ApiResponse response)
    {
        Assert.Equal(422, response.Status);
        Assert.Equal("verification_failed", response.Code);
    }

    [Fact]
    public async Task Binding_with_the_four_elements_and_the_code_activates_the_grant_with_a_wallet_token()
    {
        var card = await Flows.OpenCard(fixture);
        var started = await Flows.StartBinding(fixture.Alipay, card);
        Assert.Equal(202, started.Status);
        Assert.Equal("pending_verification", started.Str("status"));
        Assert.Equal("alipay", started.Str("channel"));
        Assert.Equal(card.CardId, started.Str("cardId"));
        Assert.Equal(card.CardNumber[^4..], started.Str("last4"));
        Assert.Null(started.Body!["walletToken"]);
        var grantId = started.Str("grantId");

        var otp = await Flows.SandboxOtp(fixture, card.Holder);
        Assert.Matches("^[0-9]{6}$", otp);
        var verified = await fixture.Alipay.Post($"/v1/bindings/{grantId}/verify", new { otp });
        Assert.Equal(200, verified.Status);
        Assert.Equal("active", verified.Str("status"));
        var token = verified.Str("walletToken");
        Assert.NotEqual(card.CardNumber, token);
        Assert.DoesNotContain(card.CardNumber, token);

        foreach (var text in new[] { started.Text, verified.Text })
        {
            Assert.DoesNotContain(card.CardNumber, text);
            Assert.DoesNotContain(card.Holder.IdNumber, text);
            Assert.DoesNotContain(card.Holder.Phone, text);
        }

        Assert.DoesNotContain(otp, verified.Text);
        var second = await Flows.Bind(fixture, fixture.Wechat, card);
        Assert.NotEqual(token, second.WalletToken);
    }

    public static TheoryData<string> WrongElements => new() { "name", "idNumber", "phone", "cardNumber" };

    [Theory]
    [MemberData(nameof(WrongElements))]
    public async Task A_wrong_element_answers_verification_failed_without_saying_which(string wrong)
    {
        var card = await Flows.OpenCard(fixture);
        var other = await Flows.OpenCard(fixture);
        var holder = wrong switch
        {
            "name" => card.Holder with { Name = "李四" },
            "idNumber" => card.Holder with { IdNumber = other.Holder.IdNumber },
            "phone" => card.Holder with { Phone = other.Holder.Phone },
            _ => card.Holder,
        };
        var response = await Flows.StartBinding(fixture.Alipay, card, holder, wrong == "cardNumber" ? other.CardNumber : null);
        AssertVerificationFailed(response);
        var reference = await Flows.StartBinding(fixture.Alipay, card, card.Holder with { Name = "王五" });
        Assert.Equal(reference.Text, response.Text);
        Assert.DoesNotContain(wrong, response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await fixture.Issuer.Get($"/v1/cards/{card.CardId}/grants")).Body!["grants"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_card_number_answers_verification_failed()
    {
        var card = await Flows.OpenCard(fixture);
        AssertVerificationFailed(await Flows.StartBinding(fixture.Alipay, card, cardNumber: "6212340000000000"));
    }

    [Fact]
    public async Task A_credit_score_below_the_minimum_answers_verification_failed()
    {
        var card = await Flows.OpenCard(fixture, creditScore: GatewaySiloConfigurator.MinimumCreditScore - 1);
        AssertVerificationFailed(await Flows.StartBinding(fixture.Alipay, card));
        var atMinimum = await Flows.OpenCard(fixture, creditScore: GatewaySiloConfigurator.MinimumCreditScore);
        Assert.Equal(202, (await Flows.StartBinding(fixture.Alipay, atMinimum)).Status);
    }

    [Fact]
    public async Task A_frozen_card_or_account_answers_verification_failed()
    {
        var card = await Flows.OpenCard(fixture);
        await fixture.Issuer.Post($"/v1/cards/{card.CardId}/freeze", new { });
        AssertVerificationFailed(await Flows.StartBinding(fixture.Alipay, card));

        var account = await Flows.OpenCard(fixture);
        await fixture.Issuer.Post($"/v1/accounts/{account.AccountId}/freeze", new { });
        AssertVerificationFailed(await Flows.StartBinding(fixture.Alipay, account));
    }

    [Fact]
    public async Task Five_failures_within_an_hour_lock_binding_on_the_card_for_an_hour()
    {
        var card = await Flows.OpenCard(fixture);
        var wrong = card.Holder with { Name = "李四" };
        for (var i = 0; i < 5; i++)
        {
            AssertVerificationFailed(await Flows.StartBinding(fixture.Alipay, card, wrong));
        }

        var locked = await Flows.StartBinding(fixture.Alipay, card);
        Assert.Equal(429, locked.Status);
        Assert.Equal("verification_locked", locked.Code);
        Assert.Equal(429, (await Flows.StartBinding(fixture.Wechat, card)).Status);

        TestClock.Instance.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(429, (await Flows.StartBinding(fixture.Alipay, card)).Status);

        TestClock.Instance.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(202, (await Flows.StartBinding(fixture.Alipay, card)).Status);
    }

    [Fact]
    public async Task Failures_spread_over_more_than_an_hour_do_not_lock()
    {
        var card = await Flows.OpenCard(fixture);
        var wrong = card.Holder with { Phone = "13000000000" };
        for (var i = 0; i < 4; i++)
        {
            AssertVerificationFailed(await Flows.StartBinding(fixture.Alipay, card, wrong));
        }

        TestClock.Instance.Advance(TimeSpan.FromMinutes(61));
        AssertVerificationFailed(await Flows.StartBinding(fixture.Alipay, card, wrong));
        Assert.Equal(202, (await Flows.StartBinding(fixture.Alipay, card)).Status);
    }

    [Fact]
    public async Task A_code_expires_after_five_minutes()
    {
        var card = await Flows.OpenCard(fixture);
        var grantId = (await Flows.StartBinding(fixture.Alipay, card)).Str("grantId");
        var otp = await Flows.SandboxOtp(fixture, card.Holder);

        TestClock.Instance.Advance(TimeSpan.FromMinutes(5));
        var expired = await fixture.Alipay.Post($"/v1/bindings/{grantId}/verify", new { otp });
        Assert.Equal(422, expired.Status);
        Assert.Equal("otp_invalid", expired.Code);
        Assert.Equal("revoked", (await fixture.Alipay.Get($"/v1/grants/{grantId}")).Str("status"));
    }

    [Fact]
    public async Task A_code_just_under_five_minutes_old_still_works()
    {
        var card = await Flows.OpenCard(fixture);
        var grantId = (await Flows.StartBinding(fixture.Alipay, card)).Str("grantId");
        var otp = await Flows.SandboxOtp(fixture, card.Holder);
        TestClock.Instance.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await fixture.Alipay.Post($"/v1/bindings/{grantId}/verify", new { otp })).Status);
    }

    [Fact]
    public async Task Three_wrong_codes_end_the_attempt()
    {
        var card = await Flows.OpenCard(fixture);
        var grantId = (await Flows.StartBinding(fixture.Alipay, card)).Str("grantId");
        var otp = await Flows.SandboxOtp(fixture, card.Holder);
        var wrongCode = otp == "000000" ? "111111" : "000000";
        for (var i = 0; i < 3; i++)
        {
            var wrong = await fixture.Alipay.Post($"/v1/bindings/{grantId}/verify", new { otp = wrongCode });
            Assert.Equal(422, wrong.Status);
            Assert.Equal("otp_invalid", wrong.Code);
        }

        var right = await fixture.Alipay.Post($"/v1/bindings/{grantId}/verify", new { otp });
        Assert.Equal(422, right.Status);
        Assert.Equal("otp_invalid", right.Code);
        Assert.Equal("revoked", (await fixture.Alipay.Get($"/v1/grants/{grantId}")).Str("status"));
        Assert.Equal(202, (await Flows.StartBinding(fixture.Alipay, card)).Status);
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_card_lock()
    {
        var card = await Flows.OpenCard(fixture);
        var grantId = (await Flows.StartBinding(fixture.Alipay, card)).Str("grantId");
        for (var i = 0; i < 3; i++)
        {
            await fixture.Alipay.Post($"/v1/bindings/{grantId}/verify", new { otp = "abc" });
        }

        AssertVerificationFailed(await Flows.StartBinding(fixture.Alipay, card, card.Holder with { Name = "李四" }));
        AssertVerificationFailed(await Flows.StartBinding(fixture.Alipay, card, card.Holder with { Name = "李四" }));
        Assert.Equal(429, (await Flows.StartBinding(fixture.Alipay, card)).Status);
    }

    [Fact]
    public async Task Another_channel_cannot_verify_a_binding()
    {
        var card = await Flows.OpenCard(fixture);
        var grantId = (await Flows.StartBinding(fixture.Alipay, card)).Str("grantId");
        var otp = await Flows.SandboxOtp(fixture, card.Holder);
        var foreign = await fixture.Wechat.Post($"/v1/bindings/{grantId}/verify", new { otp });
        Assert.Equal(404, foreign.Status);
        Assert.Equal("not_found", foreign.Code);
        Assert.Equal(200, (await fixture.Alipay.Post($"/v1/bindings/{grantId}/verify", new { otp })).Status);
    }

    [Fact]
    public async Task The_sandbox_route_does_not_exist_in_production_mode()
    {
        var card = await Flows.OpenCard(fixture);
        await Flows.StartBinding(fixture.Alipay, card);
        using var http = fixture.Production.CreateClient();
        var issuer = GatewayFixture.Client(http, "issuer");
        var response = await issuer.Get("/v1/sandbox/otp?phone=" + card.Holder.Phone);
        Assert.Equal(404, response.Status);
        Assert.Equal("not_found", response.Code);
        Assert.DoesNotMatch("[0-9]{6}", response.Body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Starting_the_same_binding_again_with_the_same_key_replays_it()
    {
        var card = await Flows.OpenCard(fixture);
        var key = SignedClient.NewKey();
        var body = new { cardNumber = card.CardNumber, holder = card.Holder.Body };
        var first = await fixture.Alipay.Post("/v1/bindings", body, key);
        var otp = await Flows.SandboxOtp(fixture, card.Holder);
        var again = await fixture.Alipay.Post("/v1/bindings", body, key);
        Assert.Equal(202, again.Status);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(otp, await Flows.SandboxOtp(fixture, card.Holder));
        var other = await fixture.Alipay.Post("/v1/bindings", new { cardNumber = card.CardNumber, holder = (card.Holder with { Name = "李四" }).Body }, key);
        Assert.Equal(409, other.Status);
        Assert.Equal("idempotency_key_reused", other.Code);
    }
}
