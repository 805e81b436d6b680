using BaiTiaoSwitch.Accounts;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Credit;

/// <summary>
/// Wakes a line's credit grain when the line's upkeep finds a period past its cut (<see cref="ICreditCutsDue"/>), so a
/// line that never used a credit product is cut too; the woken grain keeps its own reminder from then on. The wake is
/// not awaited by the line (the credit grain calls the line back); a failed wake is logged and the next upkeep repeats it.
/// </summary>
public sealed partial class CreditCutsDue(IGrainFactory grains, ILogger<CreditCutsDue> logger) : ICreditCutsDue
{
    public Task CutsDue(string accountId)
    {
        _ = Wake(accountId);
        return Task.CompletedTask;
    }

    private async Task Wake(string accountId)
    {
        try
        {
            await grains.GetGrain<IAccountCreditGrain>(accountId).RunDue();
        }
        catch (Exception exception)
        {
            LogWakeFailed(exception, accountId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the credit grain of account {AccountId} for its cuts; the line's next upkeep tries again")]
    private partial void LogWakeFailed(Exception exception, string accountId);
}
