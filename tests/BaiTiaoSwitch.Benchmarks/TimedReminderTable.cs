using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Counts and times the silo's reminder table calls (Azure Table), like <see cref="TimedGrainStorage"/> does for the
/// grain storage providers: registering a line's hold-sweep reminder is one of the storage operations of its setup.
/// Upserts and removals count as writes, reads as reads, under the name "reminders".
/// </summary>
public sealed class TimedReminderTable(IReminderTable inner) : IReminderTable
{
    private readonly StorageTimings timings = StorageTimings.For("reminders");

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    // Obsolete in Orleans 10 ("implement and use StartAsync"): the silo calls StartAsync, so this only forwards to it.
    public Task Init() => inner.StartAsync(CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) => Timed(timings.Reads, () => inner.ReadRows(grainId, cancellationToken));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) => Timed(timings.Reads, () => inner.ReadRows(begin, end, cancellationToken));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) => Timed(timings.Reads, () => inner.ReadRow(grainId, reminderName, cancellationToken));

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken) => Timed(timings.Writes, () => inner.UpsertRow(entry, cancellationToken));

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) => Timed(timings.Writes, () => inner.RemoveRow(grainId, reminderName, eTag, cancellationToken));

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();

    public Task TestOnlyClearTable(CancellationToken cancellationToken) => inner.TestOnlyClearTable(cancellationToken);

    /// <summary>Wraps the reminder table registered so far in <paramref name="services"/>.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(IReminderTable) && !d.IsKeyedService);
        services.Remove(descriptor);
        services.AddSingleton<IReminderTable>(provider => new TimedReminderTable(descriptor.ImplementationFactory is { } factory
            ? (IReminderTable)factory(provider)
            : descriptor.ImplementationInstance as IReminderTable ?? (IReminderTable)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!)));
    }

    private static async Task<T> Timed<T>(OperationTimings timings, Func<Task<T>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await operation();
        }
        finally
        {
            timings.Add(0, Stopwatch.GetTimestamp() - started);
        }
    }
}
