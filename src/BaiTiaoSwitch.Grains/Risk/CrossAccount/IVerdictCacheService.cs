using BaiTiaoSwitch.Callers;
using Orleans.Services;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>The door of one silo's <see cref="VerdictCache"/>: monitors send their verdicts here.</summary>
public interface IVerdictCacheService : IGrainService
{
    [ClusterInternal]
    Task Accept(SignalWindow verdict);
}
