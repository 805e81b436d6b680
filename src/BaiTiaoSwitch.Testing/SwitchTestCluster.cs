using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.HttpEdge.Sandbox;
using BaiTiaoSwitch.Testing.Conservation;
using BaiTiaoSwitch.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Testing;

/// <summary>
/// A real switch cluster for a test: N in-process silos (Orleans TestingHost) on memory storage or Azurite, a ready SDK
/// client per channel, seed helpers, the test clock and the conservation check. Shaped like xunit's IAsyncLifetime
/// (<see cref="InitializeAsync"/>, <see cref="DisposeAsync"/>) without depending on any test framework: derive a
/// fixture from it and add the interface of yours.
/// </summary>
public class SwitchTestCluster
{
    /// <summary>How many times the readiness probe is tried (each waits up to the 20 s messaging timeout).</summary>
    private const int ReadyAttemptsMax = 6;

    private readonly string serviceId = "bts-kit-" + Guid.NewGuid().ToString("N")[..12];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TestLine> lines = new(StringComparer.Ordinal);
    private TestCluster? cluster;
    private SwitchTestEnvironment? environment;
    private BaiTiaoSwitchClient? issuer;

    public SwitchTestCluster()
        : this(new SwitchTestClusterOptions())
    {
    }

    public SwitchTestCluster(SwitchTestClusterOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public SwitchTestClusterOptions Options { get; }

    /// <summary>The TestingHost cluster (silos, its own client), for what the kit does not cover.</summary>
    public TestCluster Cluster => cluster ?? throw NotStarted();

    public SwitchTestEnvironment Environment => environment ?? throw NotStarted();

    /// <summary>The switch's clock; move it with <see cref="AdvanceAsync"/>.</summary>
    public FakeTimeProvider Clock => Environment.Clock;

    /// <summary>The SDK acting as the issuer (opens lines, issues cards, grants, freezes).</summary>
    public BaiTiaoSwitchClient Issuer => issuer ?? throw NotStarted();

    /// <summary>The SDK acting as a wallet channel of <see cref="SwitchTestClusterOptions.WalletChannels"/>.</summary>
    public BaiTiaoSwitchClient Wallet(string channel) => Issuer.As(Environment.Credentials.Wallet(channel));

    public virtual async Task InitializeAsync()
    {
        if (Options.Silos < 1)
        {
            throw new InvalidOperationException($"{nameof(SwitchTestClusterOptions.Silos)} must be at least 1 (it is {Options.Silos}).");
        }

        var storageString = Options.AzuriteConnectionString ?? Azurite.ConnectionString;
        if (Options.Storage == SwitchTestStorage.Azurite)
        {
            Azurite.EnsureRunning(storageString);
        }

        environment = new SwitchTestEnvironment(serviceId, Options.Storage, new TestCredentials(Options.WalletChannels), Options.ClockStart, storageString)
        {
            ConfigureSwitch = Options.ConfigureSwitch,
        }.Register();

        var builder = new TestClusterBuilder(Options.Silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = "bts-kit-cluster-" + Guid.NewGuid().ToString("N")[..8];
        builder.AddSiloBuilderConfigurator<SwitchTestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<SwitchTestClientConfigurator>();
        ConfigureCluster(builder);
        cluster = builder.Build();
        await cluster.DeployAsync().ConfigureAwait(false);
        issuer = new BaiTiaoSwitchClient(cluster.Client, environment.Credentials.Issuer);
        await WaitUntilServingAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Opens one line of its own through the whole write path (key claim, commit log, reminder) before any test runs:
    /// right after start, a cluster of several silos can take a few tens of seconds to place its system grains (the
    /// reminder table, the stream queues) on a loaded machine, and that wait belongs to the fixture, not to the first
    /// test. Retries keep the same idempotency key, so the line is opened once.
    /// </summary>
    private async Task WaitUntilServingAsync()
    {
        var probe = new OpenAccountRequest("kit-ready-" + Guid.NewGuid().ToString("N")[..12], TestLine.NewHolder(), Money.Fen(1), 720);
        var key = RequestOptions.WithKey("kit-ready-" + probe.AccountId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Issuer.OpenAccountAsync(probe, key).ConfigureAwait(false);
                return;
            }
            catch (OutcomeUnknownException) when (attempt < ReadyAttemptsMax)
            {
                // Each attempt waited the messaging timeout (20 s): try again.
            }
            catch (OperationCanceledException) when (attempt < ReadyAttemptsMax)
            {
                // The line's first activation took longer than Orleans' activation deadline (30 s) and was cancelled:
                // storage was still slow to answer. Try again; nothing was written without its key.
            }
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync().ConfigureAwait(false);
            await cluster.DisposeAsync().ConfigureAwait(false);
        }

        environment?.Unregister();
    }

    /// <summary>Add your own silo or client configurators here (after the switch's).</summary>
    protected virtual void ConfigureCluster(TestClusterBuilder builder)
    {
    }

    /// <summary>Opens a fresh line of <paramref name="creditLimitFen"/> fen for <paramref name="holder"/> (by default a fresh one, <see cref="TestLine.NewHolder"/>).</summary>
    public async Task<TestLine> OpenLineAsync(long creditLimitFen, Holder? holder = null)
    {
        var line = new TestLine("acct-" + Guid.NewGuid().ToString("N")[..16], holder ?? TestLine.NewHolder(), creditLimitFen);
        await Issuer.OpenAccountAsync(new OpenAccountRequest(line.AccountId, line.Holder, Money.Fen(creditLimitFen), 720)).ConfigureAwait(false);
        lines[line.AccountId] = line;
        return line;
    }

    /// <summary>Issues a virtual card on <paramref name="line"/>.</summary>
    public async Task<TestCard> IssueCardAsync(TestLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var issued = await Issuer.IssueCardAsync(line.AccountId).ConfigureAwait(false);
        return new TestCard(line, issued.Card.CardId, issued.CardNumber);
    }

    /// <summary>
    /// Binds <paramref name="card"/> to <paramref name="channel"/> the way a wallet does: the wallet starts binding with
    /// the card number and the holder's identity, the switch sends a one-time code to the holder's phone (the sandbox
    /// outbox), the issuer reads it there and the wallet verifies it. Returns the active grant.
    /// </summary>
    public async Task<Grant> BindAsync(TestCard card, string channel)
    {
        ArgumentNullException.ThrowIfNull(card);
        var wallet = Wallet(channel);
        var pending = await wallet.StartBindingAsync(new BindingRequest(card.CardNumber, card.Line.Holder)).ConfigureAwait(false);
        var otp = await Issuer.InvokeAsync(grains => grains.GetGrain<ISandboxOtpDeskGrain>(0).LastOtp(card.Line.Holder.Phone)).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No one-time code reached the sandbox outbox for the holder of {card}.");
        return await wallet.VerifyBindingAsync(pending.GrantId, otp).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the switch's clock forward (holds expire, limit windows roll, codes lapse); Orleans' clocks do not move.
    /// Then it runs the hold sweep of every line opened through <see cref="OpenLineAsync"/>, as the silos' reminder
    /// would on its next pass, so the holds that ended have expired when this returns.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        }

        Clock.Advance(by);
        var grains = SiloServices.GetRequiredService<IGrainFactory>();
        await Task.WhenAll(lines.Keys.Select(accountId => grains.GetGrain<ICreditAccountGrain>(accountId).ExpireHolds())).ConfigureAwait(false);
    }

    /// <summary>
    /// A silo's services (storage is shared, so any silo's will do). Calls made with its <c>IGrainFactory</c> are the
    /// cluster's own, so they may reach <c>[ClusterInternal]</c> methods.
    /// </summary>
    public IServiceProvider SiloServices => Cluster.GetActiveSilos().OfType<InProcessSiloHandle>().First().SiloHost.Services;

    /// <summary>The line as storage holds it (snapshot, commit log, archive), read past every activation.</summary>
    public Task<StoredLine> ReadStoredLineAsync(string accountId) =>
        StoredLine.LoadAsync(SiloServices, Cluster.GrainFactory, accountId);

    /// <summary>What the account reports through the SDK.</summary>
    public async Task<ReportedLine> ReadReportedLineAsync(string accountId)
    {
        var snapshot = await Issuer.GetAccountAsync(accountId).ConfigureAwait(false);
        return new ReportedLine(snapshot.CreditLimit.Amount, snapshot.Available.Amount, snapshot.Pending.Amount, snapshot.Posted.Amount, snapshot.OpenHolds);
    }

    /// <summary>
    /// Checks that the line conserves: <c>limit − available = Σ open holds + posted</c>, computed from the stored holds
    /// and captures, against the account's stored counters, what it reports and <paramref name="expected"/> (the test's
    /// own ledger) when given. Throws <see cref="ConservationException"/> otherwise. Call it once the line is quiet.
    /// </summary>
    public async Task AssertConservedAsync(string accountId, ExpectedLedger? expected = null)
    {
        var stored = await ReadStoredLineAsync(accountId).ConfigureAwait(false);
        var reported = await ReadReportedLineAsync(accountId).ConfigureAwait(false);
        LineConservation.Assert(stored, reported, expected?.Totals());
    }

    private static InvalidOperationException NotStarted() => new("The test cluster is not started: await InitializeAsync() first (your test framework's fixture does).");
}
