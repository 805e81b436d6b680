namespace BaiTiaoSwitch.Events;

/// <summary>Puts a line's events on its stream. The storage boundary of the outbox, so tests can hold or fail it.</summary>
public interface IEventPublisher
{
    Task Publish(string accountId, IReadOnlyList<SwitchEvent> events);
}
