using Microsoft.Extensions.DependencyInjection;

namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>
/// The silo's reminder table under the same faults, holds and watchers as the switch's stores: registering a reminder
/// can fail as it does while a starting silo's reminder service is still reading its range. Target:
/// "{grainId}/{reminderName}"; only upserts (registrations) are faulted.
/// </summary>
public sealed class FaultyReminderTable(IReminderTable inner, StorageFaults faults) : IReminderTable
{
    public const string Store = "bts-reminders";

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    // Obsolete in Orleans 10 ("implement and use StartAsync"): the silo calls StartAsync, so this only forwards to it.
    public Task Init() => inner.StartAsync(CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) => inner.ReadRows(grainId, cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) => inner.ReadRows(begin, end, cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) => inner.ReadRow(grainId, reminderName, cancellationToken);

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken) =>
        faults.Around(
            Store,
            $"{entry.GrainId}/{entry.ReminderName}",
            () => inner.UpsertRow(entry, cancellationToken),
            forgetOutcome: null,
            conflict: () => new Azure.RequestFailedException(412, "Injected fault: the reminder row changed."));

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => inner.RemoveRow(grainId, reminderName, eTag);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        inner.RemoveRow(grainId, reminderName, eTag, cancellationToken);

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();

    public Task TestOnlyClearTable(CancellationToken cancellationToken) => inner.TestOnlyClearTable(cancellationToken);

    /// <summary>Wraps the reminder table registered so far in <paramref name="services"/>.</summary>
    public static void Decorate(IServiceCollection services, Func<IServiceProvider, StorageFaults> faults)
    {
        var real = services.Last(service => service.ServiceType == typeof(IReminderTable) && !service.IsKeyedService);
        services.Remove(real);
        services.AddSingleton<IReminderTable>(provider => new FaultyReminderTable(
            real.ImplementationFactory is { } factory
                ? (IReminderTable)factory(provider)
                : real.ImplementationInstance as IReminderTable ?? (IReminderTable)ActivatorUtilities.CreateInstance(provider, real.ImplementationType!),
            faults(provider)));
    }
}
