using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// Keeps this silo's <see cref="RuleSetCache"/> current: from the moment the silo is active it watches the rules grain
/// (a long poll that answers as soon as a change is stored, or after <c>RulesWatchHold</c>), adopts what it answers and
/// watches again, from the version it now holds (which tells the rules grain it holds it). A failed watch (the rules grain moving, a silo dying) is retried after <c>RulesWatchRetry</c>.
/// </summary>
public sealed partial class RuleSetWatcher(IGrainFactory grains, RuleSetCache cache, ILocalSiloDetails silo, IOptions<RiskOptions> options, ILogger<RuleSetWatcher> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RuleSetWatcher), ServiceLifecycleStage.Active, _ =>
        {
            running = Task.Run(() => Run(stopping.Token));
            return Task.CompletedTask;
        }, async _ =>
        {
            await stopping.CancelAsync();
            await running;
        });

    private async Task Run(CancellationToken cancellationToken)
    {
        var rules = grains.GetGrain<IRiskRulesGrain>(IRiskRulesGrain.ClusterKey);
        var watcher = silo.SiloAddress.ToParsableString();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                cache.Adopt(await rules.Watch(cache.Current.Version, watcher).WaitAsync(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogWatchFailed(exception, cache.Current.Version);
                try
                {
                    await Task.Delay(options.Value.RulesWatchRetry, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the risk rules failed (this silo holds version {Version}); watching again shortly")]
    private partial void LogWatchFailed(Exception exception, long version);
}
