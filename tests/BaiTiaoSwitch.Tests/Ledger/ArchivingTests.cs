using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using Xunit;
using static BaiTiaoSwitch.Tests.Ledger.Lines;

namespace BaiTiaoSwitch.Tests.Ledger;

/// <summary>Hot state stays bounded (issue 6 §6): closed authorizations leave after their retention or past a count.</summary>
public sealed class ArchivingTests
{
    [Fact]
    public void Closed_authorizations_are_due_after_the_retention_and_a_pending_one_never_is()
    {
        var book = Open(10_000, options: new SwitchOptions { ClosedAuthorizationRetention = TimeSpan.FromDays(1) });
        var reversed = Pay(book, 100, Noon);
        Holds.Reverse(book, Current(book, reversed), null, Noon);
        Pay(book, 100, Noon);

        Assert.Empty(Archiving.Due(book, Noon.AddHours(23), 10));
        var due = Archiving.Due(book, Noon.AddDays(1), 10);
        Archiving.Remove(book, due);

        Assert.Equal(reversed.AuthorizationId, Assert.Single(due).AuthorizationId);
        Assert.Equal(AuthorizationStatus.Pending, Assert.Single(book.Authorizations.Values).Status);
        Assert.Contains(reversed.AuthorizationId, book.TakeChanges().RemovedAuthorizations);
    }

    [Fact]
    public void Past_the_hot_maximum_the_oldest_closed_records_are_due_before_their_retention()
    {
        var book = Open(1_000_000, options: new SwitchOptions { ClosedAuthorizationsHotMax = 3 });
        var declined = Enumerable.Range(0, 5).Select(_ => Pay(book, 2_000_000, Noon)).ToList();

        Assert.True(Archiving.IsBehind(book));
        var due = Archiving.Due(book, Noon, 10);
        Archiving.Remove(book, due);

        Assert.Equal(declined.Take(2).Select(record => record.AuthorizationId), due.Select(record => record.AuthorizationId));
        Assert.Equal(3, book.ClosedInHot);
        Assert.False(Archiving.IsBehind(book));
    }

    [Fact]
    public void A_record_that_changed_while_it_was_being_archived_stays_in_hot_state()
    {
        var book = Open(10_000, options: new SwitchOptions { ClosedAuthorizationRetention = TimeSpan.Zero });
        var hold = Pay(book, 1_000, Noon);
        var capture = Capture(book, hold, 1_000, Noon).Capture;
        var due = Archiving.Due(book, Noon, 10);

        Captures.Refund(book, Current(book, hold), capture.CaptureId, 100, Noon);
        Archiving.Remove(book, due);

        Assert.Equal(100, Current(book, hold).Refunded);
    }
}
