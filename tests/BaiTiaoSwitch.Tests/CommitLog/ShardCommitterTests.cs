using System.Runtime.CompilerServices;
using BaiTiaoSwitch.CommitLog;
using Xunit;

namespace BaiTiaoSwitch.Tests.CommitLog;

/// <summary>Group commit across lines in one shard: batching, the split-brain fence per row, failure of a whole transaction.</summary>
public sealed class ShardCommitterTests
{
    private static readonly CommitLogSettings Settings = new(RowsMax: 100, BytesMax: 1_000_000, LingerMilliseconds: 50, InFlightMax: 1);

    private static JournalRow Row(string account, long version) => new("p", JournalRow.RowKeyOf(account, version), new byte[] { 1, 2, 3 });

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
    public async Task A_row_that_already_exists_fails_alone_and_the_rest_of_its_transaction_is_stored()
    {
        var table = new GatedTable { Existing = { JournalRow.RowKeyOf("b", 1) } };
        var shard = new ShardCommitter(table, "p", Settings);
        var blocker = shard.Append(Row("x", 1));
        var rows = new[] { shard.Append(Row("a", 1)), shard.Append(Row("b", 1)), shard.Append(Row("c", 1)) };

        table.Release();
        await blocker;

        await rows[0];
        await Assert.ThrowsAsync<JournalRowExistsException>(() => rows[1]);
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

        public List<List<JournalRow>> Transactions { get; } = [];

        public List<string> Stored { get; } = [];

        public HashSet<string> Existing { get; } = [];

        public Exception? Failure { get; set; }

        public void Release() => gate.TrySetResult();

        public async Task Insert(string partition, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken = default)
        {
            await gate.Task;
            lock (Transactions)
            {
                Transactions.Add([.. rows]);
                if (Failure is not null)
                {
                    throw Failure;
                }

                if (rows.FirstOrDefault(row => Existing.Contains(row.RowKey)) is { } exists)
                {
                    throw new JournalRowExistsException(exists.RowKey);
                }

                Stored.AddRange(rows.Select(row => row.RowKey));
            }
        }

        public async IAsyncEnumerable<JournalRow> Read(string partition, string accountId, long fromVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task Delete(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
