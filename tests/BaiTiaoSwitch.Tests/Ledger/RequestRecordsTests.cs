using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using Xunit;
using static BaiTiaoSwitch.Tests.Ledger.Lines;

namespace BaiTiaoSwitch.Tests.Ledger;

/// <summary>Idempotency of a line (issue 6 §3): claim before any await, replay, refusal of another request, pruning.</summary>
public sealed class RequestRecordsTests
{
    private static IdempotencyRecord Answer(RequestClaim claim, DateTimeOffset at) => new(claim.Scope, claim.Kind, claim.Fingerprint, at, null, null, null);

    [Fact]
    public void A_claimed_key_makes_a_concurrent_duplicate_wait_and_then_replay_the_recorded_answer()
    {
        var book = Open(1_000);
        var requests = new RequestRecords(book);
        var claim = requests.FindOrClaim("alipay\u001fk1", OperationKind.Capture, "f1").Claim!;

        var duplicate = requests.FindOrClaim("alipay\u001fk1", OperationKind.Capture, "f1");
        Assert.False(duplicate.InFlight!.IsCompleted);
        requests.Record(claim, Answer(claim, Noon));

        Assert.True(duplicate.InFlight.IsCompleted);
        Assert.Equal(OperationKind.Capture, requests.FindOrClaim("alipay\u001fk1", OperationKind.Capture, "f1").Record!.Kind);
    }

    [Theory]
    [InlineData(OperationKind.Capture, "other")]
    [InlineData(OperationKind.Refund, "f1")]
    public void The_same_key_for_another_request_is_refused_whether_it_is_claimed_or_recorded(OperationKind kind, string fingerprint)
    {
        var book = Open(1_000);
        var requests = new RequestRecords(book);
        var claim = requests.FindOrClaim("alipay\u001fk1", OperationKind.Capture, "f1").Claim!;

        Assert.Throws<IdempotencyKeyReusedException>(() => requests.FindOrClaim("alipay\u001fk1", kind, fingerprint));
        requests.Record(claim, Answer(claim, Noon));
        Assert.Throws<IdempotencyKeyReusedException>(() => requests.FindOrClaim("alipay\u001fk1", kind, fingerprint));
    }

    [Fact]
    public void An_abandoned_claim_leaves_the_key_free_and_unrecorded()
    {
        var book = Open(1_000);
        var requests = new RequestRecords(book);
        var claim = requests.FindOrClaim("alipay\u001fk1", OperationKind.Capture, "f1").Claim!;

        requests.Abandon(claim);

        Assert.NotNull(requests.FindOrClaim("alipay\u001fk1", OperationKind.Refund, "f2").Claim);
        Assert.False(book.HasChanges && book.TakeChanges().Idempotency.Count > 0);
    }

    [Fact]
    public void Records_leave_after_the_retention_oldest_first_and_in_bounded_steps()
    {
        var book = Open(1_000, options: new SwitchOptions { IdempotencyRetention = TimeSpan.FromDays(2) });
        var requests = new RequestRecords(book);
        foreach (var i in Enumerable.Range(0, 5))
        {
            var claim = requests.FindOrClaim($"alipay\u001fk{i}", OperationKind.Capture, "f").Claim!;
            requests.Record(claim, Answer(claim, Noon.AddHours(i)));
        }

        Assert.Equal(0, requests.Prune(Noon.AddDays(2).AddMinutes(-1)));
        Assert.Equal(2, requests.Prune(Noon.AddDays(2).AddHours(4), countMax: 2));
        Assert.Equal(3, requests.Prune(Noon.AddDays(3)));
        Assert.Equal(0, book.Requests.Count);
    }

    [Fact]
    public void Records_older_than_the_hot_window_or_beyond_the_hot_maximum_are_due_for_the_archive_oldest_first()
    {
        var book = Open(1_000, options: new SwitchOptions { IdempotencyHotWindow = TimeSpan.FromMinutes(15), IdempotencyHotMax = 3 });
        var requests = new RequestRecords(book);
        foreach (var i in Enumerable.Range(0, 5))
        {
            var claim = requests.FindOrClaim($"alipay\u001fk{i}", OperationKind.Capture, "f").Claim!;
            requests.Record(claim, Answer(claim, Noon.AddMinutes(i)));
        }

        var beyondMax = requests.ColdDue(Noon.AddMinutes(5), 10);
        var byAge = requests.ColdDue(Noon.AddMinutes(17), 10);
        requests.Moved(beyondMax);

        Assert.Equal(["alipay\u001fk0", "alipay\u001fk1"], beyondMax.Select(record => record.Scope));
        Assert.Equal(3, byAge.Count);
        Assert.Equal(3, book.Requests.Count);
        Assert.Equal(["alipay\u001fk2"], requests.ColdDue(Noon.AddMinutes(17), 10).Select(record => record.Scope));
    }

    [Fact]
    public void A_tombstone_answers_the_late_authorization_with_its_key_but_no_other_operation()
    {
        var book = Open(1_000);
        var requests = new RequestRecords(book);
        var view = Holds.Tombstone(book, "alipay", GrantId, "alipay\u001foriginal", Noon).ToView(book.Currency);
        requests.Put(new IdempotencyRecord("alipay\u001foriginal", OperationKind.Tombstone, "", Noon, view, null, null));

        var late = requests.FindOrClaim("alipay\u001foriginal", OperationKind.Authorize, "any");

        Assert.Equal(AuthorizationStatus.Reversed, late.Record!.Authorization!.Status);
        Assert.Equal(0, late.Record.Authorization.Amount.Amount);
        Assert.Throws<IdempotencyKeyReusedException>(() => requests.FindOrClaim("alipay\u001foriginal", OperationKind.Capture, "any"));
    }
}
