using BaiTiaoSwitch.Accounts;
using Xunit;

namespace BaiTiaoSwitch.Tests.Ledger;

public sealed class GroupCommitterTests
{
    private static AccountBook Book(int batchRequestsMax = 256, int queueMax = 100) =>
        new("acct-1", new SwitchOptions { BatchRequestsMax = batchRequestsMax, CommitQueueMax = queueMax });

    private static void Change(AccountBook book, long limit) => book.SetHeader(book.Header with { CreditLimit = limit });

    [Fact]
    public async Task Requests_made_while_a_write_is_in_flight_share_the_next_write()
    {
        var book = Book();
        var gate = new TaskCompletionSource();
        var store = new FakeStore(async _ => await gate.Task);
        var committer = new GroupCommitter(book, store);

        Change(book, 1);
        var first = committer.WhenDurable();
        Change(book, 2);
        var second = committer.WhenDurable();
        Change(book, 3);
        var third = committer.WhenDurable();
        Assert.False(first.IsCompleted);
        gate.SetResult();
        await Task.WhenAll(first, second, third);

        Assert.Equal(2, store.Writes.Count);
        Assert.Equal(3, store.Writes[1].Header!.CreditLimit);
    }

    [Fact]
    public async Task A_failed_write_fails_every_waiting_and_later_caller_with_a_retryable_outcome_unknown()
    {
        var book = Book();
        var gate = new TaskCompletionSource();
        var committer = new GroupCommitter(book, new FakeStore(async _ => { await gate.Task; throw new IOException("storage down"); }));

        Change(book, 1);
        var inFlight = committer.WhenDurable();
        Change(book, 2);
        var queued = committer.WhenDurable();
        gate.SetResult();

        var first = await Assert.ThrowsAsync<OutcomeUnknownException>(() => inFlight);
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => queued);
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => committer.WhenDurable());
        Assert.Throws<OutcomeUnknownException>(committer.EnsureCapacity);
        Assert.True(first.IsRetryable);
        Assert.True(committer.Failed);
    }

    [Fact]
    public void Past_the_queue_limit_new_requests_are_refused_as_overloaded()
    {
        var book = Book(queueMax: 2);
        var committer = new GroupCommitter(book, new FakeStore(_ => new TaskCompletionSource().Task));
        Change(book, 1);
        _ = committer.WhenDurable();
        _ = committer.WhenDurable();

        var error = Assert.Throws<SwitchOverloadedException>(committer.EnsureCapacity);

        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task A_full_batch_makes_new_requests_wait_for_the_next_write_before_they_decide()
    {
        var book = Book(batchRequestsMax: 2);
        var gate = new TaskCompletionSource();
        var committer = new GroupCommitter(book, new FakeStore(_ => gate.Task));
        Change(book, 1);
        _ = committer.WhenDurable();
        Change(book, 2);
        _ = committer.WhenDurable();
        Change(book, 3);
        _ = committer.WhenDurable();

        var admission = committer.WaitForRoom().AsTask();

        Assert.False(admission.IsCompleted);
        gate.SetResult();
        await admission;
    }

    private sealed class FakeStore(Func<AccountImage, Task> write) : IAccountStore
    {
        public List<AccountImage> Writes { get; } = [];

        public bool WantsSnapshot(long version) => false;

        public Task Write(AccountImage changes, AccountImage? image)
        {
            Writes.Add(changes);
            return write(changes);
        }

        public Task<bool> IsCurrent() => Task.FromResult(true);
    }
}
