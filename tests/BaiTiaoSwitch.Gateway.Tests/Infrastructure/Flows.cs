using System.Security.Cryptography;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>A holder the tests invent: random identity number and phone, remembered for the log scan.</summary>
public sealed record TestHolder(string Name, string IdNumber, string Phone)
{
    public static TestHolder New()
    {
        var id = "1101011990" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999);
        var phone = "139" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999);
        return new TestHolder("张三", SensitiveValues.Remember(id, "identity number"), SensitiveValues.Remember(phone, "phone"));
    }

    public object Body => new { name = Name, idNumber = IdNumber, phone = Phone };
}

/// <summary>A line with one card, opened and issued through the HTTP API by the issuer channel.</summary>
public sealed record TestCard(string AccountId, string CardId, string CardNumber, TestHolder Holder);

/// <summary>The common steps of the tests, each through the signed HTTP API, asserting exact answers.</summary>
public static class Flows
{
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..16];

    public static async Task<TestCard> OpenCard(GatewayFixture fixture, long limit = 500_000, int creditScore = 720)
    {
        var holder = TestHolder.New();
        var accountId = NewId("acct");
        var opened = await fixture.Issuer.Post("/v1/accounts", new
        {
            accountId,
            holder = holder.Body,
            creditLimit = new { amount = limit, currency = "CNY" },
            creditScore,
        });
        Assert.True(opened.Status == 201, opened.ToString());
        var card = await fixture.Issuer.Post($"/v1/accounts/{accountId}/cards", new { });
        Assert.True(card.Status == 201, card.ToString());
        var number = SensitiveValues.Remember(card.Str("cardNumber"), "card number");
        return new TestCard(accountId, card.Str("cardId"), number, holder);
    }

    public static Task<ApiResponse> StartBinding(SignedClient wallet, TestCard card, TestHolder? holder = null, string? cardNumber = null) =>
        wallet.Post("/v1/bindings", new { cardNumber = cardNumber ?? card.CardNumber, holder = (holder ?? card.Holder).Body });

    public static async Task<string> SandboxOtp(GatewayFixture fixture, TestHolder holder)
    {
        var otp = await fixture.Issuer.Get("/v1/sandbox/otp?phone=" + holder.Phone);
        Assert.True(otp.Status == 200, otp.ToString());
        return otp.Str("otp");
    }

    /// <summary>Binds the card to the wallet through OTP verification; returns (grantId, walletToken).</summary>
    public static async Task<(string GrantId, string WalletToken)> Bind(GatewayFixture fixture, SignedClient wallet, TestCard card)
    {
        var started = await StartBinding(wallet, card);
        Assert.True(started.Status == 202, started.ToString());
        Assert.Equal("pending_verification", started.Str("status"));
        var grantId = started.Str("grantId");
        var otp = await SandboxOtp(fixture, card.Holder);
        var verified = await wallet.Post($"/v1/bindings/{grantId}/verify", new { otp });
        Assert.True(verified.Status == 200, verified.ToString());
        Assert.Equal("active", verified.Str("status"));
        return (grantId, verified.Str("walletToken"));
    }

    public static object Merchant => new { id = "m-001", name = "Test Shop", mcc = "5411", country = "CN" };

    public static Task<ApiResponse> Authorize(SignedClient wallet, string grantId, long amount, string? key = "auto") =>
        wallet.Post("/v1/authorizations", new { grantId, amount = new { amount, currency = "CNY" }, merchant = Merchant }, key);
}
