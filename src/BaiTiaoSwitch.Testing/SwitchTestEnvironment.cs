using System.Collections.Concurrent;
using BaiTiaoSwitch.Testing.Memory;
using Microsoft.Extensions.Time.Testing;

namespace BaiTiaoSwitch.Testing;

/// <summary>
/// What the silos of one test cluster share: the storage choice (and, on memory storage, the stores themselves), the
/// test clock, the keys. Orleans' TestingHost builds its silo configurators by type, so they find their cluster's
/// environment here by service id (<see cref="For"/>).
/// </summary>
public sealed class SwitchTestEnvironment
{
    private static readonly ConcurrentDictionary<string, SwitchTestEnvironment> ByServiceId = new(StringComparer.Ordinal);

    public SwitchTestEnvironment(string serviceId, SwitchTestStorage storage, TestCredentials credentials, DateTimeOffset start, string? azuriteConnectionString = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ServiceId = serviceId;
        Storage = storage;
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        Clock = new FakeTimeProvider(start);
        AzuriteConnectionString = azuriteConnectionString ?? Azurite.ConnectionString;

        // Fresh names per cluster: lower-case letters only, as the switch's storage options require.
        NamePrefix = "kit" + string.Concat(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12).Select(random => (char)('a' + (random % 26))));
    }

    public string ServiceId { get; }

    public SwitchTestStorage Storage { get; }

    public TestCredentials Credentials { get; }

    /// <summary>The switch's clock in this cluster (holds, limits' windows, sweeps, binding codes). Orleans' own clocks stay real.</summary>
    public FakeTimeProvider Clock { get; }

    public string AzuriteConnectionString { get; }

    /// <summary>The prefix of every table, container and queue this cluster makes on Azurite.</summary>
    public string NamePrefix { get; }

    public MemoryJournalTable Journal { get; } = new();

    public MemoryRequestKeyStore RequestKeys { get; } = new();

    public MemoryDecisionHistory DecisionHistory { get; } = new();

    /// <summary>Makes this environment the one its cluster's silos find.</summary>
    public SwitchTestEnvironment Register()
    {
        if (!ByServiceId.TryAdd(ServiceId, this))
        {
            throw new InvalidOperationException($"A test cluster with service id '{ServiceId}' is already registered; each cluster needs its own.");
        }

        return this;
    }

    public void Unregister() => ByServiceId.TryRemove(new KeyValuePair<string, SwitchTestEnvironment>(ServiceId, this));

    public static SwitchTestEnvironment For(string serviceId) => ByServiceId.TryGetValue(serviceId, out var environment)
        ? environment
        : throw new InvalidOperationException($"No test cluster with service id '{serviceId}' is registered: build it with SwitchTestCluster, or call SwitchTestEnvironment.Register() before the silos start.");
}
