using BaiTiaoSwitch.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.RequestKeys;

public sealed partial class RequestKeySweepGrain(TableRequestKeyStore store, IOptions<SwitchOptions> options, TimeProvider clock, ILogger<RequestKeySweepGrain> logger)
    : Grain, IRequestKeySweepGrain, IRemindable
{
    private const string ReminderName = "request-key-sweep";

    /// <summary>How much longer than the key records themselves a claim is kept.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    public async Task Start()
    {
        if (await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, options.Value.RequestKeySweepPeriod, options.Value.RequestKeySweepPeriod);
        }
    }

    public async Task<int> SweepNow()
    {
        var channel = this.GetPrimaryKeyString();
        var cutoff = clock.GetUtcNow() - options.Value.IdempotencyRetention - Margin;
        var deleted = 0;
        for (var shard = 0; shard < store.ShardCount; shard++)
        {
            deleted += await store.Sweep(store.PartitionOf(channel, shard), cutoff, options.Value.RequestKeySweepMax);
        }

        LogSwept(channel, deleted);
        return deleted;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepNow();

    [LoggerMessage(Level = LogLevel.Information, Message = "Request keys of channel {Channel}: {Deleted} claims past their retention deleted")]
    private partial void LogSwept(string channel, int deleted);
}
