namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Told by a line's upkeep (its reminder) when one of its periods has passed its cut and is still open: the credit grain
/// must cut and acknowledge it, or the line refuses new movements once <see cref="SwitchOptions.CreditOpenPeriodsMax"/>
/// periods are open. It matters for lines that never used a credit product, whose credit grain nothing else wakes.
/// The credit products register the implementation that wakes the line's credit grain; without one, nothing is told.
/// </summary>
public interface ICreditCutsDue
{
    Task CutsDue(string accountId);
}

/// <summary>No credit products in this silo: nothing to wake.</summary>
public sealed class NoCreditCutsDue : ICreditCutsDue
{
    public Task CutsDue(string accountId) => Task.CompletedTask;
}
