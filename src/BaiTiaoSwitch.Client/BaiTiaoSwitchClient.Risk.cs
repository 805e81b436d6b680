using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Client;

// Risk (issuer)
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>
    /// Replays the recorded authorizations of [from, to), in their original order, through <paramref name="request"/>'s
    /// rules (POST /v1/risk/backtests). Off the payment path: it reads the decision history, not live accounts.
    /// </summary>
    public Task<Backtest> RunBacktestAsync(BacktestRequest request, CancellationToken cancellationToken = default) =>
        calls.Read(() => grains.GetGrain<IBacktestGrain>("bt-" + Guid.NewGuid().ToString("N")).Run(request), cancellationToken);
}
