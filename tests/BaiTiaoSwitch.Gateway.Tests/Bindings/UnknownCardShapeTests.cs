using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Bindings;

/// <summary>
/// Issue 6 §2: an unknown card number and a known one with a wrong element are refused in exactly the same shape:
/// status, headers and body bytes, first with verification_failed, then, five failures on, with verification_locked.
/// (Their time is compared in the core tests, where it can be measured without the HTTP stack's noise.)
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class UnknownCardShapeTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Unknown_and_known_card_numbers_are_refused_in_exactly_the_same_shape()
    {
        var card = await Flows.OpenCard(fixture);
        var wrongHolder = card.Holder with { IdNumber = "110101199001019999" };
        var unknownNumber = "6212340" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var known = await Refusal(card.CardNumber, wrongHolder);
            var unknown = await Refusal(unknownNumber, wrongHolder);

            Assert.Equal(attempt <= 5 ? 422 : 429, known.Status);
            Assert.Equal(known.Status, unknown.Status);
            Assert.Equal(known.Headers, unknown.Headers);
            Assert.Equal(known.Body, unknown.Body);
        }
    }

    private async Task<(int Status, string Headers, string Body)> Refusal(string cardNumber, TestHolder holder)
    {
        using var request = fixture.Alipay.Sign(HttpMethod.Post, "/v1/bindings", SignedClient.Json(new { cardNumber, holder = holder.Body }), SignedClient.NewKey());
        using var response = await fixture.Http.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key != "Date")
            .OrderBy(header => header.Key, StringComparer.Ordinal)
            .Select(header => header.Key + ": " + string.Join(",", header.Value));
        return ((int)response.StatusCode, string.Join("\n", headers), await response.Content.ReadAsStringAsync());
    }
}
