using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Xunit;

namespace BaiTiaoSwitch.Tests.Bindings;

/// <summary>
/// Issue 6 §2: a code cannot be brute-forced. In these silos the card lock comes at 12 failures, so the budget of codes
/// checked per card (10 an hour, across every attempt and channel) is seen on its own.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CodeGuessTests(ClusterFixture fixture)
{
    [Fact]
    public async Task At_most_ten_codes_are_checked_per_card_per_hour_across_all_attempts()
    {
        var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
        var alipay = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var wechat = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "wechatpay");

        // Three attempts of three wrong codes each, then a fourth attempt's first wrong code: ten codes checked.
        var (last, code) = ("", "");
        foreach (var (wallet, wrongCodes) in new[] { (alipay, 3), (wechat, 3), (alipay, 3), (wechat, 1) })
        {
            (last, code) = await line.Start(wallet);
            for (var i = 0; i < wrongCodes; i++)
            {
                await AssertRefused(ErrorCodes.OtpInvalid, () => wallet.VerifyBindingAsync(last, Wrong(code)));
            }
        }

        // The eleventh code is not checked, even the right one; the attempt itself is still open.
        await AssertRefused(ErrorCodes.VerificationLocked, () => wechat.VerifyBindingAsync(last, code));
        Assert.Equal(GrantStatus.PendingVerification, (await wechat.GetGrantAsync(last)).Status);

        SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromHours(1));
        var (fresh, freshCode) = await line.Start(wechat);
        Assert.Equal(GrantStatus.Active, (await wechat.VerifyBindingAsync(fresh, freshCode)).Status);
    }

    [Fact]
    public async Task A_locked_card_refuses_the_right_code_of_an_attempt_started_before_the_lock()
    {
        var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
        var alipay = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var wechat = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "wechatpay");
        var (grantId, code) = await line.Start(alipay);
        for (var i = 0; i < SwitchSiloConfigurator.BindingLockAt; i++)
        {
            await AssertRefused(ErrorCodes.VerificationFailed, () => wechat.StartBindingAsync(line.WrongHolder));
        }

        await AssertRefused(ErrorCodes.VerificationLocked, () => alipay.VerifyBindingAsync(grantId, code));
        Assert.Equal(GrantStatus.PendingVerification, (await alipay.GetGrantAsync(grantId)).Status);
    }

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";

    private static async Task AssertRefused(string code, Func<Task> call) =>
        Assert.Equal(code, (await Assert.ThrowsAsync<OperationRejectedException>(call)).Code);
}
