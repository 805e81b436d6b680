using Orleans.Concurrency;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>One per silo: puts the verdicts it is sent into the silo's <see cref="VerdictCache"/>.</summary>
[Reentrant]
public sealed class VerdictCacheService(GrainId id, Silo silo, ILoggerFactory loggers, VerdictCache cache)
    : GrainService(id, silo, loggers), IVerdictCacheService
{
    public Task Accept(SignalWindow verdict)
    {
        cache.Accept(verdict);
        return Task.CompletedTask;
    }
}
