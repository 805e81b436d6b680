using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Testing.Memory;
using Xunit;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

/// <summary>The memory stores keep the guarantees of the Azure stores they stand in for.</summary>
public sealed class MemoryStoresTests
{
    private static JournalAppend Append(string accountId, long version, string? headETag) =>
        new(accountId, version, new JournalRow("p", JournalRow.RowKeyOf(accountId, version), new byte[] { (byte)version }), headETag);

    [Fact]
    public async Task A_journal_append_from_a_stale_activation_is_fenced_and_stores_nothing()
    {
        var journal = new MemoryJournalTable();
        var first = await journal.Append("p", [Append("a", 1, null)]);
        await journal.Append("p", [Append("a", 2, first[0])]);

        // A stale activation still holds the head of version 1; its transaction also carries line b, which must not land.
        await Assert.ThrowsAsync<JournalFencedException>(() => journal.Append("p", [Append("b", 1, null), Append("a", 3, first[0])]));

        Assert.Null(await journal.ReadHead("p", "b"));
        Assert.Equal(2, (await journal.ReadHead("p", "a"))!.Version);
        var rows = await journal.Read("p", "a", 1).ToListAsync();
        Assert.Equal([1L, 2L], rows.Select(row => row.Version));
    }

    [Fact]
    public async Task A_request_key_is_claimed_once_and_refused_to_another_owner()
    {
        var keys = new MemoryRequestKeyStore();

        Assert.Equal(KeyClaimOutcome.Claimed, (await keys.Claim("alipay", "k1", "account/a", "f1")).Outcome);
        Assert.Equal(new KeyClaim(KeyClaimOutcome.AlreadyYours, "f1"), await keys.Claim("alipay", "k1", "account/a", "f2"));
        Assert.Equal(KeyClaimOutcome.UsedElsewhere, (await keys.Claim("alipay", "k1", "account/b", "f1")).Outcome);
        Assert.Equal(KeyClaimOutcome.Claimed, (await keys.Claim("wechatpay", "k1", "account/b", "f1")).Outcome);

        await keys.StoreAnswers([new KeyAnswer("alipay", "k1", "account/b", DateTimeOffset.UnixEpoch, [9])]);
        Assert.Null(await keys.FindAnswer("alipay", "k1", "account/b"));
        await keys.StoreAnswers([new KeyAnswer("alipay", "k1", "account/a", DateTimeOffset.UnixEpoch, [7])]);
        Assert.Equal([7], await keys.FindAnswer("alipay", "k1", "account/a"));
    }
}
