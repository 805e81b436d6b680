using BaiTiaoSwitch.Accounts;
using Xunit;

namespace BaiTiaoSwitch.Tests.Ledger;

public sealed class GroupCommitterTests
{
    private static AccountBook Book() => new("acct-1", new SwitchOptions());

    [Fact]
    public async Task Requests_made_while_a_write_is_in_flight_share_the_next_write()
    {
        var book = Book();
        var writes = new List<AccountImage>();
        var gate = new TaskCompletionSource();
        var committer = new GroupCommitter(book, async image => { writes.Add(image); await gate.Task; }, _ => { }, 100);

        book.SetCreditLimit(1);
        var first = committer.WhenDurable();
        book.SetCreditLimit(2);
        var second = committer.WhenDurable();
        book.SetCreditLimit(3);
        var third = committer.WhenDurable();
        Assert.False(first.IsCompleted);
        gate.SetResult();
        await Task.WhenAll(first, second, third);

        Assert.Equal(2, writes.Count);
        Assert.Equal(3, writes[1].Header!.CreditLimit);
    }

    [Fact]
    public async Task A_failed_write_fails_every_waiting_and_later_caller_with_a_retryable_outcome_unknown()
    {
        var book = Book();
        var gate = new TaskCompletionSource();
        Exception? reported = null;
        var committer = new GroupCommitter(book, async _ => { await gate.Task; throw new IOException("storage down"); }, error => reported = error, 100);

        book.SetCreditLimit(1);
        var inFlight = committer.WhenDurable();
        book.SetCreditLimit(2);
        var queued = committer.WhenDurable();
        gate.SetResult();

        var first = await Assert.ThrowsAsync<OutcomeUnknownException>(() => inFlight);
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => queued);
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => committer.WhenDurable());
        Assert.Throws<OutcomeUnknownException>(committer.EnsureCapacity);
        Assert.True(first.IsRetryable);
        Assert.IsType<IOException>(reported);
    }

    [Fact]
    public void Past_the_queue_limit_new_requests_are_refused_as_overloaded()
    {
        var book = Book();
        var committer = new GroupCommitter(book, _ => new TaskCompletionSource().Task, _ => { }, 2);
        book.SetCreditLimit(1);
        _ = committer.WhenDurable();
        _ = committer.WhenDurable();

        var error = Assert.Throws<SwitchOverloadedException>(committer.EnsureCapacity);

        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task A_full_batch_makes_new_requests_wait_for_the_next_write_before_they_decide()
    {
        var book = Book();
        var gate = new TaskCompletionSource();
        var committer = new GroupCommitter(book, _ => gate.Task, _ => { }, 100, batchRequestsMax: 2);
        book.SetCreditLimit(1);
        _ = committer.WhenDurable();
        book.SetCreditLimit(2);
        _ = committer.WhenDurable();
        book.SetCreditLimit(3);
        _ = committer.WhenDurable();

        var admission = committer.WaitForRoom().AsTask();

        Assert.False(admission.IsCompleted);
        gate.SetResult();
        await admission;
    }
}
