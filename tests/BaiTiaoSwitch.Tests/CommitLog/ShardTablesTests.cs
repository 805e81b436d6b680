using Azure.Data.Tables;
using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace BaiTiaoSwitch.Tests.CommitLog;

/// <summary>
/// Each commit-log shard has a table of its own (<c>{prefix}commitlog{shard}</c>), so no table holds the rows of more
/// than one shard, and a line's rows are read back from its shard's table.
/// </summary>
public sealed class ShardTablesTests
{
    [Fact]
    public async Task Appends_of_two_shards_land_in_two_tables_and_read_back_from_their_own()
    {
        var prefix = "shardt" + Guid.NewGuid().ToString("N")[..8];
        var journal = new TableJournal(Options.Create(new SwitchStorageOptions { ConnectionString = Azurite.ConnectionString, NamePrefix = prefix }));
        var service = new TableServiceClient(Azurite.ConnectionString);
        try
        {
            await journal.Append("svc~00", [Append("svc~00", "line-a", 1)]);
            await journal.Append("svc~01", [Append("svc~01", "line-b", 1), Append("svc~01", "line-c", 1)]);

            Assert.Equal(["line-a~000000000001", "line-a~head"], await RowKeys(service, prefix + "commitlog00"));
            Assert.Equal(["line-b~000000000001", "line-b~head", "line-c~000000000001", "line-c~head"], await RowKeys(service, prefix + "commitlog01"));
            var read = new List<JournalRow>();
            await foreach (var row in journal.Read("svc~01", "line-c", 1))
            {
                read.Add(row);
            }

            Assert.Equal([(byte)'c'], Assert.Single(read).Data.ToArray());
            Assert.Equal(1, (await journal.ReadHead("svc~00", "line-a"))?.Version);
        }
        finally
        {
            await foreach (var table in service.QueryAsync(table => table.Name.CompareTo(prefix) >= 0 && table.Name.CompareTo(prefix + "~") < 0))
            {
                await service.DeleteTableAsync(table.Name);
            }
        }
    }

    private static JournalAppend Append(string partition, string accountId, long version) =>
        new(accountId, version, new JournalRow(partition, JournalRow.RowKeyOf(accountId, version), new[] { (byte)accountId[^1] }), null);

    private static async Task<List<string>> RowKeys(TableServiceClient service, string table)
    {
        var keys = new List<string>();
        await foreach (var entity in service.GetTableClient(table).QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            keys.Add(entity.RowKey);
        }

        return keys;
    }
}
