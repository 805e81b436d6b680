using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// A line is read before the first call that needs it, and an opening under a fresh key skips that read (LineLoading):
/// the read is saved, an existing line is never written over, and no call sees the line before the opening decided.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LineOpeningTests(ClusterFixture fixture)
{
    private static readonly Holder Holder = new("张三", "110101199003077777", "13800138000");

    private Infrastructure.Faults.StorageFaults Faults => ClusterFactory.Faults(fixture.Cluster);

    [Fact]
    public async Task A_line_opened_under_a_fresh_key_reads_nothing_from_the_commit_log_and_is_then_read_as_stored()
    {
        var accountId = NewAccountId();

        var opened = await Issuer().OpenAccountAsync(Request(accountId, 50_000));

        Assert.Equal(0, HeadReads(accountId));
        await Activations.DeactivateAll(fixture.Cluster);
        var read = await Issuer().GetAccountAsync(accountId);
        Assert.Equal((opened.AccountId, opened.CreditLimit, opened.Status), (read.AccountId, read.CreditLimit, read.Status));
        Assert.Equal(1, HeadReads(accountId));
    }

    [Fact]
    public async Task Opening_a_stored_line_again_under_a_new_key_writes_nothing_over_it_and_its_retry_answers_from_the_line()
    {
        var accountId = NewAccountId();
        await Issuer().OpenAccountAsync(Request(accountId, 50_000));
        var stored = await StoredLedger.LoadBook(fixture.Cluster, accountId);
        await Activations.DeactivateAll(fixture.Cluster);
        var sameKey = RequestOptions.WithKey("reopen-" + Guid.NewGuid().ToString("N"));
        var otherKey = RequestOptions.WithKey("reopen-" + Guid.NewGuid().ToString("N"));

        // The fresh key lets the opening take the line as new; its create-only head insert is refused.
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => Issuer(retriesMax: 0).OpenAccountAsync(Request(accountId, 50_000), sameKey));
        var retried = await Issuer(retriesMax: 0).OpenAccountAsync(Request(accountId, 50_000), sameKey);

        // Other details under another fresh key, on a fresh activation again: refused once the line is read.
        await Activations.DeactivateAll(fixture.Cluster);
        var refused = await Assert.ThrowsAsync<OperationRejectedException>(() => Issuer().OpenAccountAsync(Request(accountId, 50_000, creditScore: 700), otherKey));

        Assert.Equal(Money.Fen(50_000), retried.CreditLimit);
        Assert.Equal(ErrorCodes.AccountExists, refused.Code);
        var after = await StoredLedger.LoadBook(fixture.Cluster, accountId);
        Assert.Equal((stored.Header.CreditLimit, stored.Header.OpenedAt), (after.Header.CreditLimit, after.Header.OpenedAt));
    }

    [Fact]
    public async Task A_call_that_arrives_while_an_opening_holds_the_unread_line_waits_for_it_and_sees_the_opened_line()
    {
        var accountId = NewAccountId();
        var held = Faults.Hold(StorageNames.Journal, target => target.Contains(accountId, StringComparison.Ordinal));
        var opening = Issuer().OpenAccountAsync(Request(accountId, 50_000));
        await held.Arrived;

        var reading = Issuer().GetAccountAsync(accountId);
        await Task.Delay(200);
        Assert.False(reading.IsCompleted);
        held.Release();

        Assert.Equal(accountId, (await opening).AccountId);
        Assert.Equal(Money.Fen(50_000), (await reading).CreditLimit);
        Assert.Equal(0, HeadReads(accountId));
    }

    private static string NewAccountId() => "open-" + Guid.NewGuid().ToString("N")[..16];

    private static OpenAccountRequest Request(string accountId, long limit, int creditScore = 720) => new(accountId, Holder, Money.Fen(limit), creditScore);

    private BaiTiaoSwitchClient Issuer(int? retriesMax = null) => retriesMax is { } retries
        ? new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer, retriesMax: retries)
        : new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);

    private int HeadReads(string accountId) => Faults.PointReads(StorageNames.Journal, target => target == accountId);
}
