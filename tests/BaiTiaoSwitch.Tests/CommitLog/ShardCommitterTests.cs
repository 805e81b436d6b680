using System.Runtime.CompilerServices;
using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.Storage;
using Xunit;

namespace BaiTiaoSwitch.Tests.CommitLog;

/// <summary>Group commit across lines in one shard: batching, the split-brain fence per row, failure of a whole transaction.</summary>
public sealed class ShardCommitterTests
{
    private static readonly BatchSettings Settings = new(ItemsMax: 50, BytesMax: 1_000_000, LingerMilliseconds: 50, InFlightMax: 1);

    private static JournalAppend Row(string account, long version) =>
        new(account, version, new JournalRow("p", JournalRow.RowKeyOf(account, version), new byte[] { 1, 2, 3 }), null);

    [Fact]
    public async Task Rows_appended_while_a_transaction_is_in_flight_go_together_in_the_next()
    {
        var table = new GatedTable();
        var shard = new ShardCommitter(table, "p", Settings);

        var first = shard.Append(Row("a", 1));
        var later = Enumerable.Range(0, 30).Select(i => shard.Append(Row("line" + i, 1))).ToArray();
        table.Release();
        await Task.WhenAll(later.Append(first));

        Assert.Equal([1, 30], table.Transactions.Select(rows => rows.Count));
    }

    [Fact]
    public async Task A_fenced_line_fails_alone_and_the_rest_of_its_transaction_is_stored()
    {
        var table = new GatedTable { Fenced = { "b" } };
        var shard = new ShardCommitter(table, "p", Settings);
        var blocker = shard.Append(Row("x", 1));
        var rows = new[] { shard.Append(Row("a", 1)), shard.Append(Row("b", 1)), shard.Append(Row("c", 1)) };

        table.Release();
        await blocker;

        await rows[0];
        await Assert.ThrowsAsync<JournalFencedException>(() => rows[1]);
        await rows[2];
        Assert.Equal(["a~000000000001", "c~000000000001"], table.Stored.Where(key => key != "x~000000000001"));
    }

    [Fact]
    public async Task Any_other_failure_fails_every_row_of_the_transaction()
    {
        var table = new GatedTable { Failure = new IOException("storage down") };
        var shard = new ShardCommitter(table, "p", Settings);

        var rows = new[] { shard.Append(Row("a", 1)), shard.Append(Row("b", 1)) };
        table.Release();

        foreach (var row in rows)
        {
            await Assert.ThrowsAsync<IOException>(() => row);
        }
    }

    private sealed class GatedTable : IJournalTable
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<List<JournalAppend>> Transactions { get; } = [];

        public List<string> Stored { get; } = [];

        public HashSet<string> Fenced { get; } = [];

        public Exception? Failure { get; set; }

        public void Release() => gate.TrySetResult();

        public async Task<IReadOnlyList<string>> Append(string partition, IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
        {
            await gate.Task;
            lock (Transactions)
            {
                Transactions.Add([.. appends]);
                if (Failure is not null)
                {
                    throw Failure;
                }

                if (appends.FirstOrDefault(append => Fenced.Contains(append.AccountId)) is { } fenced)
                {
                    throw new JournalFencedException(fenced.AccountId);
                }

                Stored.AddRange(appends.Select(append => append.Entry.RowKey));
                return [.. appends.Select(append => "etag-" + append.Version)];
            }
        }

        public Task<JournalHead?> ReadHead(string partition, string accountId, CancellationToken cancellationToken = default) => Task.FromResult<JournalHead?>(null);

        public async IAsyncEnumerable<JournalRow> Read(string partition, string accountId, long fromVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task Delete(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
