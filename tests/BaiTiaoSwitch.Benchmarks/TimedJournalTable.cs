using System.Diagnostics;
using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Stopwatch instrumentation around the commit log's table, added by the benchmark's silo configuration. Each line's
/// entry counts as one journal write (so writes per authorization is a line's batch size); each transaction, which
/// carries the entries of many lines, counts under "bts-journal transactions".
/// </summary>
public sealed class TimedJournalTable(IJournalTable inner) : IJournalTable
{
    private readonly StorageTimings entries = StorageTimings.For(StorageNames.Journal);
    private readonly StorageTimings transactions = StorageTimings.For(StorageNames.Journal + " transactions");

    public async Task<IReadOnlyList<string>> Append(string partition, IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.Append(partition, appends, cancellationToken);
        }
        finally
        {
            var total = Stopwatch.GetTimestamp() - started;
            transactions.Writes.Add(0, total);
            foreach (var _ in appends)
            {
                entries.Writes.Add(0, total);
            }
        }
    }

    public Task<JournalHead?> ReadHead(string partition, string accountId, CancellationToken cancellationToken = default) => inner.ReadHead(partition, accountId, cancellationToken);

    public IAsyncEnumerable<JournalRow> Read(string partition, string accountId, long fromVersion, CancellationToken cancellationToken = default) =>
        inner.Read(partition, accountId, fromVersion, cancellationToken);

    public async Task Delete(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.Delete(partition, rowKeys, cancellationToken);
        }
        finally
        {
            entries.Deletes.Add(0, Stopwatch.GetTimestamp() - started);
        }
    }

    public static void Decorate(IServiceCollection services) =>
        services.AddSingleton<IJournalTable>(provider => new TimedJournalTable(ActivatorUtilities.CreateInstance<TableJournal>(provider)));
}
