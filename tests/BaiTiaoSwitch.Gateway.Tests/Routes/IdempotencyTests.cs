using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

[Collection(GatewayCollection.Name)]
public sealed class IdempotencyTests(GatewayFixture fixture)
{
    [Fact]
    public async Task The_same_key_and_body_replay_the_original_status_and_body_of_an_issuer_route()
    {
        var holder = TestHolder.New();
        var key = SignedClient.NewKey();
        var body = new { accountId = Flows.NewId("acct"), holder = holder.Body, creditLimit = new { amount = 100_000, currency = "CNY" }, creditScore = 700 };
        var first = await fixture.Issuer.Post("/v1/accounts", body, key);
        Assert.Equal(201, first.Status);
        await fixture.Issuer.Post($"/v1/accounts/{body.accountId}/freeze", new { });
        var replay = await fixture.Issuer.Post("/v1/accounts", body, key);
        Assert.Equal(201, replay.Status);
        Assert.Equal(first.Text, replay.Text);
        Assert.Equal("active", replay.Str("status"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_409()
    {
        var card = await Flows.OpenCard(fixture);
        var key = SignedClient.NewKey();
        Assert.Equal(200, (await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", new { creditLimit = new { amount = 700_000, currency = "CNY" } }, key)).Status);
        var reused = await fixture.Issuer.Put($"/v1/accounts/{card.AccountId}/credit-limit", new { creditLimit = new { amount = 900_000, currency = "CNY" } }, key);
        Assert.Equal(409, reused.Status);
        Assert.Equal("idempotency_key_reused", reused.Code);
        Assert.Equal(700_000, (await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}")).Amount("creditLimit"));
        var otherRoute = await fixture.Issuer.Post($"/v1/cards/{card.CardId}/freeze", new { }, key);
        Assert.Equal(409, otherRoute.Status);
        Assert.Equal("active", (await fixture.Issuer.Get($"/v1/cards/{card.CardId}")).Str("status"));
    }

    [Fact]
    public async Task Issuing_a_card_again_with_the_same_key_replays_the_same_card()
    {
        var card = await Flows.OpenCard(fixture);
        var key = SignedClient.NewKey();
        var first = await fixture.Issuer.Post($"/v1/accounts/{card.AccountId}/cards", new { }, key);
        SensitiveValues.Remember(first.Str("cardNumber"), "card number");
        var again = await fixture.Issuer.Post($"/v1/accounts/{card.AccountId}/cards", new { }, key);
        Assert.Equal(first.Text, again.Text);
    }

    [Fact]
    public async Task An_authorization_replayed_with_its_key_takes_credit_once()
    {
        var card = await Flows.OpenCard(fixture, limit: 50_000);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var key = SignedClient.NewKey();
        var first = await Flows.Authorize(fixture.Alipay, grantId, 20_000, key);
        var again = await Flows.Authorize(fixture.Alipay, grantId, 20_000, key);
        Assert.Equal(200, again.Status);
        Assert.Equal(first.Str("authorizationId"), again.Str("authorizationId"));
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(20_000, (await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}")).Amount("pending"));

        var reused = await Flows.Authorize(fixture.Alipay, grantId, 25_000, key);
        Assert.Equal(409, reused.Status);
        Assert.Equal("idempotency_key_reused", reused.Code);
        Assert.Equal(20_000, (await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}")).Amount("pending"));
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_key_make_one_binding_and_one_code()
    {
        var card = await Flows.OpenCard(fixture);
        var key = SignedClient.NewKey();
        var body = new { cardNumber = card.CardNumber, holder = card.Holder.Body };
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => fixture.Alipay.Post("/v1/bindings", body, key)));
        Assert.All(answers, answer => Assert.True(answer.Status == 202 || answer.Code == "idempotency_key_in_use", answer.ToString()));
        var accepted = answers.Where(answer => answer.Status == 202).ToList();
        Assert.NotEmpty(accepted);
        Assert.Single(accepted.Select(answer => answer.Text).Distinct());
        var grants = (await fixture.Issuer.Get($"/v1/cards/{card.CardId}/grants")).Body!["grants"]!.AsArray();
        Assert.Single(grants);

        var replay = await fixture.Alipay.Post("/v1/bindings", body, key);
        Assert.Equal(accepted[0].Text, replay.Text);
    }

    [Fact]
    public async Task Keys_are_scoped_per_channel()
    {
        var card = await Flows.OpenCard(fixture, limit: 50_000);
        var (alipayGrant, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var (wechatGrant, _) = await Flows.Bind(fixture, fixture.Wechat, card);
        var key = SignedClient.NewKey();
        Assert.Equal("approved", (await Flows.Authorize(fixture.Alipay, alipayGrant, 1_000, key)).Str("decision"));
        Assert.Equal("approved", (await Flows.Authorize(fixture.Wechat, wechatGrant, 2_000, key)).Str("decision"));
        Assert.Equal(3_000, (await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}")).Amount("pending"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has spaces")]
    [InlineData("ünïcode")]
    [InlineData("k12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task A_mutating_request_without_a_well_formed_key_is_400(string? key)
    {
        var card = await Flows.OpenCard(fixture);
        var response = await fixture.Issuer.Send(HttpMethod.Post, $"/v1/cards/{card.CardId}/freeze", "{}"u8.ToArray(), null, tamper: request =>
        {
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            }
        });
        Assert.Equal(400, response.Status);
        Assert.Equal("idempotency_key_invalid", response.Code);
        Assert.Equal("active", (await fixture.Issuer.Get($"/v1/cards/{card.CardId}")).Str("status"));
    }
}
