using System.Text;
using BaiTiaoSwitch.Gateway.Signing;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Units;

/// <summary>The gateway's signature against vectors computed outside .NET (Python's hmac and hashlib).</summary>
public sealed class RequestSignatureTests
{
    [Fact]
    public void A_signature_computed_from_the_contract_verifies()
    {
        var body = Encoding.UTF8.GetBytes("{\"amount\":{\"amount\":100,\"currency\":\"CNY\"}}");
        Assert.True(RequestSignature.IsValid(Encoding.UTF8.GetBytes("local-dev-only-alipay-0123456789abcdef"), "POST", "/v1/authorizations/au_x_1/increments", "1764043200", "abcdef0123456789abcdef", body, "iaSRgfzP04zsrYZgJ0HNdCEIcn6V+TrP9M8l7fw7M24="));
        Assert.True(RequestSignature.IsValid(Encoding.UTF8.GetBytes("issuer-secret-0123456789abcdef0123"), "GET", "/v1/sandbox/otp?phone=13912345678", "1764043200", "NONCE0123456789ab", [], "RxbjDlAQb/Ht8y2lAGjYXO0RN/34jI9VueHKI1ATTEg="));
    }

    [Theory]
    [InlineData("POST", "/v1/authorizations/au_x_1/increments", "1764043201", "abcdef0123456789abcdef")]
    [InlineData("PUT", "/v1/authorizations/au_x_1/increments", "1764043200", "abcdef0123456789abcdef")]
    [InlineData("POST", "/v1/authorizations/au_x_2/increments", "1764043200", "abcdef0123456789abcdef")]
    [InlineData("POST", "/v1/authorizations/au_x_1/increments", "1764043200", "abcdef0123456789abcdeF")]
    public void Changing_any_signed_part_breaks_the_signature(string method, string path, string timestamp, string nonce)
    {
        var body = Encoding.UTF8.GetBytes("{\"amount\":{\"amount\":100,\"currency\":\"CNY\"}}");
        Assert.False(RequestSignature.IsValid(Encoding.UTF8.GetBytes("local-dev-only-alipay-0123456789abcdef"), method, path, timestamp, nonce, body, "iaSRgfzP04zsrYZgJ0HNdCEIcn6V+TrP9M8l7fw7M24="));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("iaSRgfzP04zsrYZgJ0HNdCEIcn6V+TrP9M8l7fw7M24=AAAA")]
    public void A_malformed_signature_is_refused_without_throwing(string signature)
    {
        Assert.False(RequestSignature.IsValid("k"u8, "GET", "/", "1", "n", [], signature));
    }
}
