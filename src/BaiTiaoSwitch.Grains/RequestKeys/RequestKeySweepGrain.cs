using BaiTiaoSwitch.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.RequestKeys;

public sealed partial class RequestKeySweepGrain(ShardedRequestKeyStore store, IOptions<SwitchOptions> options, ILogger<RequestKeySweepGrain> logger)
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
        var expired = 0;
        for (var shard = 0; shard < store.ShardCount; shard++)
        {
            expired += await store.ShardOf(channel, shard).Sweep();
        }

        LogSwept(channel, expired);
        return expired;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepNow();

    [LoggerMessage(Level = LogLevel.Information, Message = "Request keys of channel {Channel}: {Expired} claims past their retention let go")]
    private partial void LogSwept(string channel, int expired);
}
