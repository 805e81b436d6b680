using System.Collections.Immutable;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Orleans.Serialization;
using Xunit;

namespace BaiTiaoSwitch.Tests.CommitLog;

/// <summary>
/// Snapshots and journal entries stored by earlier versions of the switch stay readable. The golden bytes below were
/// written by the switch before its hold and key records stopped being reference-tracked by the serializer; strings
/// shared between records are written once and referred back to, and those references must still resolve.
/// </summary>
public sealed class StoredImageFormatTests
{
    private const string WrittenBeforeRecordsWereUntracked =
        "IAAlwQEhAAUh6EANYXV0aC0xAQVBD2dyYW50LTFBDWNhcmQtMUENYWxpcGF5AQHBAQEiAwEBAQEBASGAAFAGB1tQ3wiBAAAAAAAA" +
        "AADgIYAAkOov21XfCIEAAAAAAAAAAODBAWFSKTUBAUR3MSEg4OABxGoCQRthbGlwYXkfYXV0aC0x4CDoQA1hdXRoLTIBCcETwRXB" +
        "FwEBwQEB0gcBAQEBAQEhgABQBgdbUN8IgQAAAAAAAAAA4CGAAJDqL9tV3wiBAAAAAAAAAADgwQFhUik1AQFEdzEhwDngAWRhAkEb" +
        "YWxpcGF5H2F1dGgtMuDgIQAFwRPAFeAhAAUh6MA9AQFBCWZwLTEhgABQBgdbUN8IgQAAAAAAAAAA4MEBwQHBAcEBwQHBAcEBwQHB" +
        "AcEB4CDowG8BAUEJZnAtMiGAAFAGB1tQ3wiBAAAAAAAAAADgwQHBAcEBwQFBA3jBF8EBwQHBAcEB4OAh4CHgIeAh4AEBIeAh4AEB" +
        "AQEh4MEBIeAh4MEB4A==";

    private static readonly Serializer Serializer = SwitchSerializer.Instance;

    [Fact]
    public void An_image_stored_before_reads_back_whole_and_its_records_round_trip_today()
    {
        var image = Image();
        var today = Serializer.SerializeToArray(image);
        Assert.True(WrittenBeforeRecordsWereUntracked.Length > 0, Convert.ToBase64String(today));

        var earlier = Serializer.Deserialize<AccountImage>(Convert.FromBase64String(WrittenBeforeRecordsWereUntracked));
        var again = Serializer.Deserialize<AccountImage>(today);

        foreach (var read in new[] { earlier!, again! })
        {
            Assert.Equal(image.Version, read.Version);
            Assert.Equal(image.Authorizations, read.Authorizations);
            Assert.Equal(image.Idempotency, read.Idempotency);
            Assert.Equal(image.RemovedAuthorizations, read.RemovedAuthorizations);
        }
    }

    private static AccountImage Image()
    {
        // One string instance in several records, as a line's records share their grant, card and channel.
        var (grant, card, channel) = ("grant-1", "card-1", "alipay");
        var at = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        AuthorizationRecord Hold(string id, long sequence, long amount) => new(
            id, sequence, grant, card, channel, AuthorizationStatus.Pending, null, amount, 0, 0, 0, at, at.AddDays(7), null,
            20261202, 202612, ImmutableArray<CaptureRecord>.Empty, 10_000 - amount, IdempotencyRecord.ScopeOf(channel, id));
        var first = Hold("auth-1", 1, 100);
        var second = Hold("auth-2", 2, 250);
        return new AccountImage
        {
            Version = 9,
            Authorizations = [first, second],
            Idempotency =
            [
                new IdempotencyRecord(first.RequestScope!, OperationKind.Authorize, "fp-1", at, null, null, null),
                new IdempotencyRecord(second.RequestScope!, OperationKind.Authorize, "fp-2", at, null, null, null, RefusalCode: "x", RefusalMessage: channel),
            ],
            RemovedAuthorizations = [grant, card],
        };
    }
}
