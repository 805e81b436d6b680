using System.Collections.Concurrent;
using BaiTiaoSwitch.Accounts;
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
        : this(serviceId, storage, credentials, new FakeTimeProvider(start), azuriteConnectionString)
    {
    }

    /// <summary>
    /// An environment on a clock the caller owns: a test suite whose clusters all follow one clock (and whose tests move
    /// it) passes that clock to each of them.
    /// </summary>
    public SwitchTestEnvironment(string serviceId, SwitchTestStorage storage, TestCredentials credentials, FakeTimeProvider clock, string? azuriteConnectionString = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ServiceId = serviceId;
        Storage = storage;
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
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

    /// <summary>
    /// The prefix of every table, container and queue this cluster makes on Azurite: fresh by default, so clusters never
    /// see each other's data. A suite may name its own (3 to 20 lower-case letters), for instance to keep every cluster's
    /// rows in one set of tables told apart by service id, as production clusters sharing an account are.
    /// </summary>
    public string NamePrefix { get; init; }

    /// <summary>Changes to the switch's business settings (hold period, bounds, sweeps) in this cluster's silos.</summary>
    public Action<SwitchOptions>? ConfigureSwitch { get; init; }

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

    /// <summary>
    /// The environment registered for <paramref name="serviceId"/>, or the one <paramref name="create"/> makes, registered
    /// now: for a suite that keeps one environment per service id for the whole run (a restart test reusing a service id
    /// finds its cluster's stores and names again).
    /// </summary>
    public static SwitchTestEnvironment GetOrRegister(string serviceId, Func<string, SwitchTestEnvironment> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentNullException.ThrowIfNull(create);
        return ByServiceId.GetOrAdd(serviceId, id => create(id) is { } made && made.ServiceId == id
            ? made
            : throw new InvalidOperationException($"The environment made for service id '{id}' must have that service id."));
    }

    public void Unregister() => ByServiceId.TryRemove(new KeyValuePair<string, SwitchTestEnvironment>(ServiceId, this));

    /// <summary>The environment of the cluster a silo or client belongs to, found by the service id in its configuration.</summary>
    public static SwitchTestEnvironment For(Microsoft.Extensions.Configuration.IConfiguration configuration) => For(ServiceIdOf(configuration));

    /// <summary>The service id a TestingHost silo or client is configured with.</summary>
    public static string ServiceIdOf(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Orleans:ServiceId"] ?? configuration[nameof(Orleans.TestingHost.TestClusterOptions.ServiceId)]
            ?? throw new InvalidOperationException("The silo's configuration names no service id.");
    }

    public static SwitchTestEnvironment For(string serviceId) => ByServiceId.TryGetValue(serviceId, out var environment)
        ? environment
        : throw new InvalidOperationException($"No test cluster with service id '{serviceId}' is registered: build it with SwitchTestCluster, or call SwitchTestEnvironment.Register() before the silos start.");
}
