using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Risk.Backtests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace BaiTiaoSwitch.Risk.CrossAccount;

public static class CrossAccountHosting
{
    /// <summary>
    /// The monitors, each silo's verdict cache (a grain service), the live <see cref="ICrossAccountVerdicts"/>, the
    /// decision history and the backtests (labels from the alert store). A
    /// monitor stays active a window's length past its last decision, so its window is not dropped early. How often the
    /// event queues are read (most of the verdict lag) is the switch's <c>EventPollPeriod</c> and <c>EventPollIdleMax</c>.
    /// </summary>
    public static ISiloBuilder AddCrossAccountVerdicts(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddOptions<VerdictOptions>().Configure<IOptions<RiskOptions>>((verdicts, risk) => verdicts.WindowMax = risk.Value.CrossAccountWindowMax).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VerdictOptions>, VerdictOptionsValidator>();
        services.AddSingleton<VerdictCache>();
        services.AddSingleton<VerdictBroadcaster>();
        services.AddSingleton<ICrossAccountVerdicts>(provider => new CrossAccountVerdicts(provider.GetRequiredService<VerdictCache>()));
        services.AddOptions<BacktestOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<BacktestOptions>, BacktestOptionsValidator>();
        services.TryAddSingleton<IDecisionHistory, BlobDecisionHistory>();
        services.TryAddSingleton<IDecisionLabels, AlertStoreLabels>();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<VerdictOptions>>((collection, verdicts) =>
            collection.ClassSpecificCollectionAge[typeof(SignalMonitorGrain).FullName!] = verdicts.Value.WindowMax + TimeSpan.FromMinutes(1));
        silo.AddGrainService<VerdictCacheService>();
        return silo;
    }
}
