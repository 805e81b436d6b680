using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Xunit;

namespace BaiTiaoSwitch.Tests.Callers;

/// <summary>The token format of the design brief, and the verifier's refusals, without a cluster.</summary>
public sealed class CallerTokenTests
{
    private static readonly CallerTokenVerifier Verifier = new(Options.Create(new CallerOptions { Callers = [TestKeys.Issuer, TestKeys.Alipay] }));

    [Fact]
    public void A_minted_token_reads_back_its_channel_role_and_expiry_and_verifies_with_the_channel_key()
    {
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);
        var text = CallerToken.Mint(TestKeys.Alipay, expires);

        Assert.StartsWith($"v1.alipay.wallet.{expires.ToUnixTimeSeconds()}.", text, StringComparison.Ordinal);
        Assert.True(CallerToken.TryParse(text, out var token));
        Assert.Equal(Caller.Wallet("alipay"), token.Caller);
        Assert.Equal(Caller.Wallet("alipay"), Verifier.Verify(text));
        Assert.DoesNotContain(token.Signature, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_token_is_refused()
    {
        var text = CallerToken.Mint(TestKeys.Alipay, DateTimeOffset.UtcNow.AddSeconds(-1));

        Assert.Null(Verifier.Verify(text));
    }

    [Fact]
    public void A_token_minted_to_outlive_the_token_lifetime_is_refused()
    {
        var text = CallerToken.Mint(TestKeys.Alipay, DateTimeOffset.UtcNow.AddDays(365));

        Assert.Null(Verifier.Verify(text));
    }

    [Fact]
    public void A_token_signed_with_another_key_or_claiming_another_role_is_refused()
    {
        var forgedKey = CallerToken.Mint(TestKeys.NewCaller("alipay", ChannelRole.Wallet), DateTimeOffset.UtcNow.AddMinutes(5));
        var claimedIssuer = CallerToken.Mint(TestKeys.Alipay with { Role = ChannelRole.Issuer }, DateTimeOffset.UtcNow.AddMinutes(5));
        var unknownChannel = CallerToken.Mint(TestKeys.NewCaller("tmall", ChannelRole.Wallet), DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Null(Verifier.Verify(forgedKey));
        Assert.Null(Verifier.Verify(claimedIssuer));
        Assert.Null(Verifier.Verify(unknownChannel));
        Assert.Null(Verifier.Verify("v1.alipay.wallet.99999999999.garbage"));
        Assert.Null(Verifier.Verify(null));
    }

    [Fact]
    public void A_credential_never_prints_its_key()
    {
        Assert.DoesNotContain(TestKeys.Alipay.Key, TestKeys.Alipay.ToString(), StringComparison.Ordinal);
    }
}
