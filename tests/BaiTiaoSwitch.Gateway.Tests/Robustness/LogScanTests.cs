using System.Text;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Robustness;

/// <summary>
/// Sensitive values go everywhere a caller can put them, then the captured logs of the gateway and the silos are
/// scanned. (The fixture scans again at the very end of the run, over every test's logs.)
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class LogScanTests(GatewayFixture fixture)
{
    [Fact]
    public void The_scan_finds_a_card_number_and_a_test_identity_number()
    {
        var holder = TestHolder.New();
        Assert.NotEmpty(SensitiveValues.Findings(["paid with 6212340000000001 today"]));
        Assert.NotEmpty(SensitiveValues.Findings([$"holder {holder.IdNumber}"]));
        Assert.Empty(SensitiveValues.Findings(["paid with 6212340000000002 today", "ticks 63890000000000000000"]));
    }

    [Fact]
    public async Task Logs_hold_no_card_number_identity_number_or_phone_after_failures_of_every_kind()
    {
        var card = await Flows.OpenCard(fixture);
        var other = await Flows.OpenCard(fixture);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var grantOnly = await Flows.StartBinding(fixture.Wechat, card);

        // Wrong elements, wrong codes, a lock, bad bodies with sensitive values in them, sensitive values in paths and headers.
        await Flows.StartBinding(fixture.Alipay, card, card.Holder with { IdNumber = other.Holder.IdNumber });
        await Flows.StartBinding(fixture.Alipay, card, card.Holder with { Phone = other.Holder.Phone });
        await Flows.StartBinding(fixture.Alipay, card, cardNumber: other.CardNumber);
        await fixture.Wechat.Post($"/v1/bindings/{grantOnly.Str("grantId")}/verify", new { otp = "000000" });
        await fixture.Alipay.Post("/v1/bindings", new { cardNumber = card.CardNumber, holder = card.Holder.Body, extra = card.CardNumber });
        await fixture.Alipay.Post("/v1/bindings", $"{{\"cardNumber\":{card.CardNumber},\"holder\":{{}}}}");
        await fixture.Alipay.Post("/v1/bindings", new { cardNumber = card.CardNumber + "x", holder = card.Holder.Body });
        await fixture.Alipay.Post("/v1/authorizations", new { walletToken = card.CardNumber, amount = new { amount = 100, currency = "CNY" }, merchant = Flows.Merchant });
        await fixture.Alipay.Post("/v1/authorizations", new { grantId, amount = new { amount = 100, currency = "CNY" }, merchant = new { id = card.Holder.IdNumber, name = card.Holder.Phone, mcc = "5411", country = "CN" } });
        await fixture.Alipay.Get($"/v1/grants/{grantId}?cardNumber={card.CardNumber}&idNumber={card.Holder.IdNumber}");
        await fixture.Issuer.Get($"/v1/cards/{card.CardId}?cardNumber={card.CardNumber}");
        await fixture.Issuer.Get($"/v1/accounts/{card.AccountId}?phone={card.Holder.Phone}");
        await fixture.Issuer.Post("/v1/accounts", new { accountId = card.AccountId, holder = other.Holder.Body, creditLimit = new { amount = 1, currency = "CNY" }, creditScore = 700 });
        await fixture.Issuer.Get("/v1/sandbox/otp?phone=" + card.Holder.Phone);
        await fixture.Issuer.Send(HttpMethod.Get, "/v1/accounts/x", null, null, tamper: request =>
        {
            request.Headers.Remove("X-BTS-Channel");
            request.Headers.Add("X-BTS-Channel", card.CardNumber);
        });
        await fixture.Issuer.Send(HttpMethod.Get, "/v1/accounts/x", null, null, nonce: card.Holder.IdNumber + "abc");
        await fixture.Issuer.Send(HttpMethod.Post, "/v1/accounts", Encoding.UTF8.GetBytes("{\"holder\":{\"idNumber\":" + card.Holder.IdNumber + "}"), "auto");

        SensitiveValues.AssertAbsentFrom(CapturedLogs.Instance.Lines);
        Assert.NotEmpty(CapturedLogs.Instance.Lines);
        Assert.Contains(CapturedLogs.Instance.Lines, line => line.Contains("HolderMismatch", StringComparison.Ordinal));
    }
}
