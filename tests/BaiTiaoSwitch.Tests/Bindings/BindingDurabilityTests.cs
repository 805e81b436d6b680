using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Xunit;

namespace BaiTiaoSwitch.Tests.Bindings;

/// <summary>
/// Issue 6 §2 and §4: a verified code is recorded before the grant is touched, and a retry finishes what a failure
/// left; a binding attempt changes in memory only what storage holds.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BindingDurabilityTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(Fault.FailBeforeWrite)]
    [InlineData(Fault.FailAfterWrite)]
    public async Task A_right_code_whose_activation_failed_is_finished_by_a_retry_and_the_line_approves_payments(Fault fault)
    {
        var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
        var wallet = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var (grantId, code) = await line.Start(wallet);
        var key = "verify-" + Guid.NewGuid().ToString("N");

        // The account's journal write that would carry the grant's policy copy fails: the activation cannot finish.
        ClusterFactory.Faults(fixture.Cluster).Arm(StorageNames.Journal, fault, target => target.Contains(line.AccountId, StringComparison.Ordinal));
        var unknown = await Assert.ThrowsAsync<OutcomeUnknownException>(() => wallet.VerifyBindingAsync(grantId, code, RequestOptions.WithKey(key)));

        var verified = await wallet.VerifyBindingAsync(grantId, code, RequestOptions.WithKey(key));
        var payment = await wallet.AuthorizeAsync(new AuthorizeRequest(grantId, null, Money.Fen(1_000), Scenario.Shop));

        Assert.True(unknown.IsRetryable);
        Assert.Equal(GrantStatus.Active, verified.Status);
        Assert.NotNull(verified.WalletToken);
        Assert.Equal(Decision.Approved, payment.Decision);
    }

    [Fact]
    public async Task A_verified_attempt_whose_activation_failed_is_finished_by_its_reminder_without_a_retry()
    {
        var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
        var wallet = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var (grantId, code) = await line.Start(wallet);
        ClusterFactory.Faults(fixture.Cluster).Arm(StorageNames.Journal, Fault.FailBeforeWrite, target => target.Contains(line.AccountId, StringComparison.Ordinal));
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => wallet.VerifyBindingAsync(grantId, code));

        await AttemptReminder.Tick(fixture.Cluster, grantId);

        var payment = await wallet.AuthorizeAsync(new AuthorizeRequest(grantId, null, Money.Fen(1_000), Scenario.Shop));
        Assert.Equal(Decision.Approved, payment.Decision);
    }

    [Theory]
    [InlineData(Fault.FailBeforeWrite)]
    [InlineData(Fault.FailAfterWrite)]
    public async Task A_right_code_whose_record_failed_is_accepted_when_the_verify_is_retried(Fault fault)
    {
        var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
        var wallet = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var (grantId, code) = await line.Start(wallet);
        var key = RequestOptions.WithKey("verify-" + Guid.NewGuid().ToString("N"));
        ClusterFactory.Faults(fixture.Cluster).Arm(StorageNames.Entities, fault, target => target == "bindingattempt/" + grantId);

        await Assert.ThrowsAsync<OutcomeUnknownException>(() => wallet.VerifyBindingAsync(grantId, code, key));

        Assert.Equal(GrantStatus.Active, (await wallet.VerifyBindingAsync(grantId, code, key)).Status);
    }

    [Theory]
    [InlineData(Fault.FailBeforeWrite)]
    [InlineData(Fault.FailAfterWrite)]
    [InlineData(Fault.Conflict)]
    public async Task A_failed_write_of_a_binding_attempt_answers_outcome_unknown_and_leaves_memory_as_storage_has_it(Fault fault)
    {
        var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
        var wallet = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var (grantId, code) = await line.Start(wallet);
        var wrong = code == "000000" ? "111111" : "000000";
        ClusterFactory.Faults(fixture.Cluster).Arm(StorageNames.Entities, fault, target => target == "bindingattempt/" + grantId);

        var unknown = await Assert.ThrowsAsync<OutcomeUnknownException>(() => wallet.VerifyBindingAsync(grantId, wrong));

        // Storage holds one wrong try at most (none, unless the failed write was in fact stored): two more still leave the attempt open.
        Assert.True(unknown.IsRetryable);
        var triesKept = fault == Fault.FailAfterWrite ? 1 : 0;
        for (var i = triesKept; i < 2; i++)
        {
            await Assert.ThrowsAsync<OperationRejectedException>(() => wallet.VerifyBindingAsync(grantId, wrong));
        }

        Assert.Equal(GrantStatus.Active, (await wallet.VerifyBindingAsync(grantId, code)).Status);
    }
}
