namespace BaiTiaoSwitch.Events;

/// <summary>Carries out the actions that a journal entry's alerts ask for, before the outbox publishes them.</summary>
public interface IAlertActions
{
    /// <summary>
    /// The events to publish: each alert that asks for an action and has none recorded comes back with the action it
    /// took. Idempotent (a republished entry carries out nothing twice). Throws when an action could not be known to
    /// be done; the outbox then retries.
    /// </summary>
    Task<IReadOnlyList<SwitchEvent>> CarryOut(IReadOnlyList<SwitchEvent> events);
}
