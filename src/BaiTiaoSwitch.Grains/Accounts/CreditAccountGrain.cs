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
public sealed partial class CreditAccountGrain : Grain, ICreditAccountGrain, IRemindable
{
    private readonly FieldProtector protector;
    private readonly ILogger<CreditAccountGrain> logger;
    private readonly AccountBook book;
    private readonly RequestRecords requests;
    private readonly AccountStore store;
    private readonly GroupCommitter committer;
    private readonly MoneyPipeline pipeline;
    private readonly AuthorizationLocator locator;
    private readonly LineUpkeep upkeep;
    private readonly IRequestArchive requestArchive;

    public CreditAccountGrain(IServiceProvider services, IOptions<SwitchOptions> options, TimeProvider clock, IRequestKeyStore keys, IRequestArchive requestArchive, FieldProtector protector, ILogger<CreditAccountGrain> logger)
    {
        this.protector = protector;
        this.requestArchive = requestArchive;
        this.logger = logger;
        book = new AccountBook(this.GetPrimaryKeyString(), options.Value);
        requests = new RequestRecords(book);
        store = new AccountStore(book.Header.AccountId, services, options.Value, logger);
        committer = new GroupCommitter(book, store);
        pipeline = new MoneyPipeline(book, requests, committer, keys, requestArchive, clock);
        locator = new AuthorizationLocator(book, GrainFactory);
        upkeep = new LineUpkeep(book, requests, committer, store, requestArchive, GrainFactory, clock, logger);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var replayed = await store.Load(book, cancellationToken);
        requests.IndexLoaded();
        LogLoaded(book.Header.AccountId, book.Version, replayed);
        if (book.Header.IsOpened && !upkeep.IsDone)
        {
            // Every open line has its expiry reminder, even if registering it failed when the line was opened.
            try
            {
                await this.RegisterOrUpdateReminder(LineUpkeep.ReminderName, book.Options.HoldSweepPeriod, book.Options.HoldSweepPeriod);
            }
            catch (Exception exception)
            {
                LogReminderFailed(exception, book.Header.AccountId);
            }
        }
    }

    // Lifecycle

    public async Task<AccountSnapshot> Open(OpenAccountRequest request)
    {
        var open = AccountLifecycle.Open(request, this.GetPrimaryKeyString(), protector);
        var snapshot = await Run(Caller.Issuer("issuer"), null, open);
        await this.RegisterOrUpdateReminder(LineUpkeep.ReminderName, book.Options.HoldSweepPeriod, book.Options.HoldSweepPeriod);
        return snapshot;
    }

    public async Task<AccountSnapshot> GetSnapshot()
    {
        LineChecks.RequireOpened(book);
        var snapshot = AccountViews.Snapshot(book);
        await pipeline.Durable();
        return snapshot;
    }

    public Task<AccountSnapshot> Freeze() => Run(Caller.Issuer("issuer"), null, AccountLifecycle.Freeze());

    public Task<AccountSnapshot> Unfreeze() => Run(Caller.Issuer("issuer"), null, AccountLifecycle.Unfreeze());

    public async Task<AccountSnapshot> Close()
    {
        var snapshot = await Run(Caller.Issuer("issuer"), null, AccountLifecycle.Close());
        await DropReminderIfDone();
        return snapshot;
    }

    public Task<AccountSnapshot> ChangeCreditLimit(Money creditLimit) => Run(Caller.Issuer("issuer"), null, AccountLifecycle.ChangeCreditLimit(book, creditLimit));

    public Task<AccountSnapshot> SetLimits(SpendLimits limits) => Run(Caller.Issuer("issuer"), null, AccountLifecycle.SetLimits(limits));

    public async Task<HolderCheck> CheckHolder(Holder candidate)
    {
        // Holder, status and score change only through lifecycle calls; the answer waits until what it read is durable.
        var header = book.Header;
        if (!header.IsOpened || candidate is null)
        {
            return new HolderCheck(false, false, header.Status, 0);
        }

        var check = new HolderCheck(true, header.Holder!.Matches(candidate, protector), header.Status, header.CreditScore);
        await pipeline.Durable();
        return check;
    }

    public async Task UpsertCardPolicy(CardPolicy policy)
    {
        LineChecks.RequireOpened(book);
        PolicyCopies.Upsert(book, policy);
        await Durable();
    }

    public async Task UpsertGrantPolicy(GrantPolicy policy)
    {
        LineChecks.RequireOpened(book);
        PolicyCopies.Upsert(book, policy);
        await Durable();
    }

    // Money

    public Task<Authorization> Authorize(RequestContext context, AuthorizeCommand command) =>
        Run(Checked(context), new AuthorizeOperation(command));

    public Task<Authorization> Increment(RequestContext context, string authorizationId, Money amount) =>
        Run(Checked(context), new IncrementOperation(locator, authorizationId, amount));

    public async Task<Capture> Capture(RequestContext context, string authorizationId, Money amount, bool final)
    {
        var capture = new CaptureOperation(locator, authorizationId, amount, final);
        var result = await Run(Checked(context), capture);
        if (capture.Alert is { } alert)
        {
            LogForcedPosting(book.Header.AccountId, alert.AlertId, authorizationId, alert.Amount, result.OverLimit);
        }

        return result;
    }

    public Task<Authorization> Reverse(RequestContext context, string authorizationId, Money? amount) =>
        Run(Checked(context), new ReverseOperation(locator, authorizationId, amount));

    public Task<Authorization> ReverseByRequest(RequestContext context, string grantId, string originalIdempotencyKey) =>
        Run(Checked(context), new ReverseByRequestOperation(locator, grantId, originalIdempotencyKey, requests, requestArchive));

    public Task<Refund> Refund(RequestContext context, string captureId, Money amount) =>
        Run(Checked(context), new RefundOperation(locator, captureId, amount));

    public async Task<Authorization> GetAuthorization(Caller caller, string authorizationId)
    {
        Ids.Require(caller?.Channel, "channel");
        var record = await locator.Find(caller!, Ids.Require(authorizationId, "authorizationId"), restore: false);

        // The view is taken before waiting, so it shows only what is durable when it is answered.
        var view = book.Authorizations.GetValueOrDefault(record.AuthorizationId, record).ToView(book.Currency);
        await pipeline.Durable();
        return view;
    }

    public async Task<int> ExpireHolds()
    {
        try
        {
            var expired = await upkeep.Run();
            await DropReminderIfDone();
            return expired;
        }
        finally
        {
            DropIfFailed();
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ExpireHolds();

    /// <summary>A closed line with no open hold has nothing left to expire: its reminder goes, so reminders stay bounded.</summary>
    private async Task DropReminderIfDone()
    {
        if (upkeep.IsDone && await this.GetReminder(LineUpkeep.ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<TResult> Run<TResult>(RequestContext context, AccountOperation<TResult> operation) =>
        await Run(context.Caller, context.IdempotencyKey, operation);

    private async Task<TResult> Run<TResult>(Caller caller, string? idempotencyKey, AccountOperation<TResult> operation)
    {
        try
        {
            var result = idempotencyKey is null ? await pipeline.RunUnkeyed(caller, operation) : await pipeline.Run(caller, idempotencyKey, operation);
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

    /// <summary>After a failed or unknown write, nothing in memory can be trusted: the next call reloads from storage.</summary>
    private void DropIfFailed()
    {
        if (committer.Failed)
        {
            LogWriteFailed(book.Header.AccountId, book.Version);
            DeactivateOnIdle();
        }
    }

    private static RequestContext Checked(RequestContext? context) =>
        (context ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "A request context (channel and idempotency key) is required.")).Validated();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Account {AccountId} loaded at version {Version} ({Replayed} journal entries replayed)")]
    private partial void LogLoaded(string accountId, long version, int replayed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {AlertId} over_limit on account {AccountId}: forced posting of {Amount} on {AuthorizationId}; over the line's limit: {OverLimit}")]
    private partial void LogForcedPosting(string accountId, string alertId, string authorizationId, long amount, bool overLimit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: registering the hold-expiry reminder failed; the next activation tries again")]
    private partial void LogReminderFailed(Exception exception, string accountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId}: a journal write after version {Version} failed; deactivating, waiting callers get outcome_unknown")]
    private partial void LogWriteFailed(string accountId, long version);
}
