using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cluster;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Client;

/// <summary>
/// The typed SDK a .NET gateway embeds. Every call carries a token that proves this client's caller (minted with the
/// channel's cluster key, which is never sent). Every mutating call carries an idempotency key (generated when none
/// is given), retries retryable failures with the same key, and hands the key back on the answer
/// (<c>IdempotencyKey</c>) and on <see cref="OutcomeUnknownException"/>. Amounts are <see cref="Money"/> in minor units (fen).
/// </summary>
public sealed partial class BaiTiaoSwitchClient
{
    private readonly IGrainFactory grains;
    private readonly ClusterCalls calls;
    private readonly PaymentRoutes routes;
    private readonly int retriesMax;
    private readonly TimeSpan backoffBase;
    private readonly IServiceProvider? services;

    /// <param name="services">The client host's services, where the event streams' provider is (<see cref="FollowEventsAsync"/>).</param>
    public BaiTiaoSwitchClient(IGrainFactory grains, IOptions<BaiTiaoSwitchClientOptions> options, IServiceProvider? services = null)
        : this(grains, options.Value.Credential, options.Value.RetriesMax, options.Value.RetryBackoffBase, new PaymentRoutes(), services)
    {
    }

    /// <param name="credential">Who this client is; null for a host that names its callers with <see cref="As"/> only.</param>
    public BaiTiaoSwitchClient(IGrainFactory grains, CallerCredential? credential, int retriesMax = 2, TimeSpan? retryBackoffBase = null)
        : this(grains, credential, retriesMax, retryBackoffBase, new PaymentRoutes(), null)
    {
    }

    private BaiTiaoSwitchClient(IGrainFactory grains, CallerCredential? credential, int retriesMax, TimeSpan? retryBackoffBase, PaymentRoutes routes, IServiceProvider? services)
    {
        this.grains = grains;
        this.services = services;
        this.routes = routes;
        this.retriesMax = retriesMax;
        backoffBase = retryBackoffBase ?? TimeSpan.FromMilliseconds(50);
        calls = new ClusterCalls(credential is null ? null : new CallerTokenSource(credential), retriesMax, backoffBase);
    }

    /// <summary>The caller this client acts as, or null when it has no credential of its own.</summary>
    public Caller? Caller => calls.Tokens?.Credential.Caller;

    /// <summary>A client for the same cluster acting as another channel, for hosts that serve several channels.</summary>
    public BaiTiaoSwitchClient As(CallerCredential credential) => new(grains, credential ?? throw new ArgumentNullException(nameof(credential)), retriesMax, backoffBase, routes, services);

    /// <summary>
    /// Calls grains of a companion library (such as the HTTP edge) as this client's caller, once and without retries.
    /// The switch's own operations have typed methods; use those.
    /// </summary>
    public Task<T> InvokeAsync<T>(Func<IGrainFactory, Task<T>> call) => calls.Once(() => call(grains));

    /// <summary>How many silos are up, as the cluster sees it: a readiness probe. Any caller may ask.</summary>
    public Task<int> CountActiveSilosAsync(CancellationToken cancellationToken = default) =>
        calls.Read(() => grains.GetGrain<IClusterProbeGrain>(0).CountActiveSilos(), cancellationToken);

    // Accounts (issuer)

    public Task<AccountSnapshot> OpenAccountAsync(OpenAccountRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(options, key => Account(request?.AccountId).Open(key, request!), cancellationToken);

    public Task<AccountSnapshot> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        calls.Read(() => Account(accountId).GetSnapshot(), cancellationToken);

    public Task<AccountSnapshot> FreezeAccountAsync(string accountId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(options, key => Account(accountId).Freeze(key), cancellationToken);

    public Task<AccountSnapshot> UnfreezeAccountAsync(string accountId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(options, key => Account(accountId).Unfreeze(key), cancellationToken);

    public Task<AccountSnapshot> CloseAccountAsync(string accountId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(options, key => Account(accountId).Close(key), cancellationToken);

    public Task<AccountSnapshot> ChangeCreditLimitAsync(string accountId, Money creditLimit, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(options, key => Account(accountId).ChangeCreditLimit(key, creditLimit), cancellationToken);

    /// <summary>Sets the holder's credit score (0 to 1000): the limit in force becomes the issuer's limit times the score band's percent.</summary>
    public Task<AccountSnapshot> ChangeCreditScoreAsync(string accountId, int creditScore, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(options, key => Account(accountId).ChangeCreditScore(key, creditScore), cancellationToken);

    public Task<AccountSnapshot> SetAccountLimitsAsync(string accountId, SpendLimits limits, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(options, key => Account(accountId).SetLimits(key, limits), cancellationToken);

    private ICreditAccountGrain Account(string? accountId) => grains.GetGrain<ICreditAccountGrain>(Ids.Require(accountId, "accountId"));

    private Task<AccountSnapshot> Write(RequestOptions? options, Func<string, Task<AccountSnapshot>> call, CancellationToken cancellationToken) =>
        calls.Write(Key(options), call, static (result, key) => result with { IdempotencyKey = key }, cancellationToken);

    private static string Key(RequestOptions? options) => Ids.Require((options ?? new RequestOptions()).KeyOrNew(), "idempotencyKey");

    /// <summary>This client's own channel; creating objects derives their ids from it.</summary>
    private string OwnChannel => Caller?.Channel ?? throw UnauthenticatedException.NoValidToken();
}
