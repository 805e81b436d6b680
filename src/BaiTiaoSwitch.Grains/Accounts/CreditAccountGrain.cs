using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Events;
using Microsoft.Extensions.DependencyInjection;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The one writer of a credit line. Reentrant so that many requests can wait on one storage write (group commit),
/// yet every operation goes through <see cref="MoneyPipeline"/>, which decides in one synchronous step: no await
/// between reading the balance and changing it.
/// </summary>
[Reentrant]
public sealed partial class CreditAccountGrain : Grain, ICreditAccountGrain, IRemindable, IIncomingGrainCallFilter
{
    /// <summary>The channel the switch acts as when the cluster itself makes a change.</summary>
    public const string SwitchChannel = "switch";

    private readonly FieldProtector protector;
    private readonly ILogger<CreditAccountGrain> logger;
    private readonly AccountBook book;
    private readonly RequestRecords requests;
    private readonly AccountStore store;
    private readonly LineOutbox outbox;
    private readonly GroupCommitter committer;
    private readonly MoneyPipeline pipeline;
    private readonly LineLoading loading;
    private readonly AuthorizationLocator locator;
    private readonly LineUpkeep upkeep;
    private readonly IRequestArchive requestArchive;
    private readonly Risk.RuleSetCache rules;
    private readonly Risk.ICrossAccountVerdicts verdicts;
    private readonly Risk.RiskOptions riskOptions;
    private readonly CreditScoreBands bands;
    private readonly bool sandbox;

    public CreditAccountGrain(IServiceProvider services, IOptions<SwitchOptions> options, TimeProvider clock, IRequestKeyStore keys, IRequestArchive requestArchive, FieldProtector protector, ILogger<CreditAccountGrain> logger)
    {
        this.protector = protector;
        this.requestArchive = requestArchive;
        this.logger = logger;
        book = new AccountBook(this.GetPrimaryKeyString(), options.Value);
        var accountClock = new AccountClock(clock, book);
        sandbox = SandboxMode.IsOn(services);
        requests = new RequestRecords(book);
        outbox = new LineOutbox(book, services.GetRequiredService<IEventPublisher>(), logger, services.GetRequiredService<IAlertActions>());
        store = new AccountStore(book.Header.AccountId, services, options.Value, logger, outbox);
        outbox.OnPublished = store.Published;
        committer = new GroupCommitter(book, store);
        loading = new LineLoading(LoadLine);
        pipeline = new MoneyPipeline(book, requests, committer, keys, requestArchive, accountClock, clock) { Loading = loading };
        locator = new AuthorizationLocator(book, GrainFactory);
        upkeep = new LineUpkeep(book, requests, committer, store, requestArchive, GrainFactory, accountClock, logger, clock, services.GetService<ICreditCutsDue>());
        rules = services.GetRequiredService<Risk.RuleSetCache>();
        verdicts = services.GetRequiredService<Risk.ICrossAccountVerdicts>();
        riskOptions = services.GetRequiredService<IOptions<Risk.RiskOptions>>().Value;
        bands = services.GetRequiredService<CreditScoreBands>();
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The silo's first copy of the rules, so that a line never decides before its silo knows them (bounded wait).
        await Task.WhenAny(rules.Loaded, Task.Delay(riskOptions.RulesLoadWaitMax, cancellationToken));

        // The line itself is read before the first call that needs it (LineLoading, CreditAccountGrain.Loading.cs).
    }

    // Money

    public async Task<Authorization> Authorize(string idempotencyKey, AuthorizeCommand command)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var authorization = await Run(idempotencyKey, new AuthorizeOperation(command, new Risk.RiskScreen(rules, verdicts, riskOptions)));
        Telemetry.SwitchMetrics.RecordAuthorization(System.Diagnostics.Stopwatch.GetElapsedTime(started), authorization.IsApproved);
        return authorization;
    }

    public Task<Authorization> Increment(string idempotencyKey, string authorizationId, Money amount) =>
        Run(idempotencyKey, new IncrementOperation(locator, authorizationId, amount));

    public async Task<Capture> Capture(string idempotencyKey, string authorizationId, Money amount, bool final)
    {
        var capture = new CaptureOperation(locator, authorizationId, amount, final);
        var result = await Run(idempotencyKey, capture);
        if (capture.Alert is { } alert)
        {
            LogForcedPosting(book.Header.AccountId, alert.AlertId, authorizationId, alert.Amount, result.OverLimit);
        }

        return result;
    }

    public Task<Authorization> Reverse(string idempotencyKey, string authorizationId, Money? amount) =>
        Run(idempotencyKey, new ReverseOperation(locator, authorizationId, amount));

    public Task<Authorization> ReverseByRequest(string idempotencyKey, string grantId, string originalIdempotencyKey) =>
        Run(idempotencyKey, new ReverseByRequestOperation(locator, grantId, originalIdempotencyKey, requests, requestArchive));

    public Task<Refund> Refund(string idempotencyKey, string captureId, Money amount) =>
        Run(idempotencyKey, new RefundOperation(locator, captureId, amount));

    public async Task<Authorization> GetAuthorization(string authorizationId)
    {
        try
        {
            var record = await pipeline.Confirmed(locator.Find(Acting(), Ids.Require(authorizationId, "authorizationId"), restore: false));

            // The view is taken before waiting, so it shows only what is durable when it is answered.
            var view = book.Authorizations.GetValueOrDefault(record.AuthorizationId, record).ToView(book.Currency);
            await pipeline.Durable();
            return view;
        }
        finally
        {
            DropIfFailed();
        }
    }

    private async Task<TResult> Run<TResult>(string idempotencyKey, AccountOperation<TResult> operation)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        try
        {
            var result = await pipeline.Run(Acting(), idempotencyKey, operation);
            upkeep.RunIfBehind();
            return result;
        }
        finally
        {
            DropIfFailed();
        }
    }

    private async Task Durable()
    {
        try
        {
            await pipeline.Durable();
        }
        finally
        {
            DropIfFailed();
        }
    }

    /// <summary>After a failed or unknown write, or once another activation wrote, nothing in memory can be trusted: the next call reloads from storage.</summary>
    private void DropIfFailed()
    {
        if (outbox.Overflowed)
        {
            DeactivateOnIdle();
        }

        if (committer.Failed)
        {
            if (committer.Stale)
            {
                LogStale(book.Header.AccountId, book.Version);
            }
            else
            {
                LogWriteFailed(book.Header.AccountId, book.Version);
            }

            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Who the operation acts for: the caller the filter proved, or, for the cluster's own calls that act for no one
    /// (an alert's action, upkeep), the switch itself as issuer, in a key namespace of its own.
    /// </summary>
    private static Caller Acting() => CurrentCaller.Caller ?? (CurrentCaller.IsInternal ? Caller.Issuer(SwitchChannel) : CurrentCaller.Require());

    [LoggerMessage(Level = LogLevel.Debug, Message = "Account {AccountId} loaded at version {Version} ({Replayed} journal entries replayed)")]
    private partial void LogLoaded(string accountId, long version, int replayed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {AlertId} over_limit on account {AccountId}: forced posting of {Amount} on {AuthorizationId}; over the line's limit: {OverLimit}")]
    private partial void LogForcedPosting(string accountId, string alertId, string authorizationId, long amount, bool overLimit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: registering the hold-expiry reminder failed; tried again every HoldSweepPeriod while the line is active, and by its next activation")]
    private partial void LogReminderFailed(Exception exception, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: another activation wrote after version {Version}; this stale one deactivates, its callers get outcome_unknown")]
    private partial void LogStale(string accountId, long version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId}: a journal write after version {Version} failed; deactivating, waiting callers get outcome_unknown")]
    private partial void LogWriteFailed(string accountId, long version);
}
