using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Lifecycle;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The credit products of one account (key = account id). Not reentrant: one operation at a time. Every operation
/// first reads the account (<see cref="ICreditAccountGrain.ReadCreditLine"/>), re-drives the intents not finished, and
/// catches up with the account's clock (cuts, late-fee days, in order, once each); then it does its work. A change of
/// the line is asked of the account (the one writer of the line) with a key derived from the caller's, stored first
/// as an intent, so a crash between the two grains is finished by the next activation, operation or reminder (every
/// activation starts with one of them, and each re-drives first). A cut is stored in one write with the last-cut marker
/// (the statement under its deterministic id), so a cut whose write was lost is made again, the same, and never twice;
/// only then is the account told (<see cref="ICreditAccountGrain.AcknowledgeCut"/>, idempotent per cut date).
/// </summary>
public sealed partial class AccountCreditGrain : Grain, IAccountCreditGrain, IRemindable
{
    public const string ReminderName = "credit-due";

    private readonly DurableState<CreditState> state;
    private readonly DeepCopier<CreditState> copier;
    private readonly IRequestKeyStore keyStore;
    private readonly CreditOptions options;
    private readonly CreditTerms terms;
    private readonly TimeSpan advanceMax;
    private readonly bool sandbox;
    private readonly ILogger<AccountCreditGrain> logger;

    public AccountCreditGrain(
        [PersistentState("credit", StorageNames.Entities)] IPersistentState<CreditState> stored,
        DeepCopier<CreditState> copier,
        IRequestKeyStore keyStore,
        IOptions<CreditOptions> options,
        IOptions<SwitchOptions> switchOptions,
        IServiceProvider services,
        ILogger<AccountCreditGrain> logger)
    {
        state = new DurableState<CreditState>(stored, GrainContext, logger);
        this.copier = copier;
        this.keyStore = keyStore;
        this.options = options.Value;
        terms = switchOptions.Value.CreditTerms;
        advanceMax = switchOptions.Value.SandboxClockAdvanceMax;
        sandbox = SandboxMode.IsOn(services);
        this.logger = logger;
    }

    private string AccountId => this.GetPrimaryKeyString();

    private CreditState State => state.Current;

    private CreditTerms Terms => terms;

    private ICreditAccountGrain Account => GrainFactory.GetGrain<ICreditAccountGrain>(AccountId);

    /// <summary>True once this activation has made sure the reminder exists (only for an account that exists).</summary>
    private bool reminderKept;

    private readonly Reminders.BoundedRegistration reminderRegistration = new();

    /// <summary>
    /// An opened line's credit grain keeps its reminder, so cuts run with no call from outside. An operation waits at
    /// most <see cref="CreditOptions.ReminderWaitMax"/> for it: a starting reminder service holds a registration for up
    /// to 20 s, as long as a caller waits for an answer, and the registration goes on beside the operation.
    /// </summary>
    private Task KeepReminder() => reminderKept ? Task.CompletedTask : reminderRegistration.Keep(RegisterReminder, options.ReminderWaitMax);

    private async Task RegisterReminder()
    {
        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, options.DuePeriod, options.DuePeriod);
            reminderKept = true;
        }
        catch (Exception exception)
        {
            LogBackgroundFailed(exception, AccountId, "registering the reminder");
        }
    }

    /// <summary>No such account: a reminder this grain may have goes, so reminders exist only for real lines.</summary>
    private async Task DropReminder()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunDue();

    public async Task RunDue()
    {
        try
        {
            var (line, calendar) = await Prepare();
            await Archive(line, calendar);
        }
        catch (NotFoundException)
        {
            await DropReminder();
        }
        catch (Exception exception) when (exception is not OutcomeUnknownException)
        {
            LogBackgroundFailed(exception, AccountId, "running what came due");
        }
    }

    /// <summary>Read the account, finish the intents, catch up: what every operation does first. Returns the line as read.</summary>
    private async Task<(CreditLine Line, StatementPeriods Calendar)> Prepare()
    {
        AsSwitch();
        var line = await Account.ReadCreditLine();
        await KeepReminder();
        var calendar = StatementPeriods.For(line.BillingDay, Terms);
        foreach (var intent in State.Intents.ToList())
        {
            try
            {
                await Drive(intent, line);
            }
            catch (SwitchException refused) when (!refused.IsRetryable)
            {
                // The account refused it: the request it belonged to was answered with that refusal, or will be on retry.
            }
        }

        await CatchUp(line, calendar);
        return (line, calendar);
    }

    /// <summary>
    /// Calls to the account carry no caller: the credit grain's own account keys live in the switch's namespace, the
    /// same whether an issuer's request or the reminder sends them (so a re-drive can never be taken for a new request).
    /// </summary>
    private static void AsSwitch() => Orleans.Runtime.RequestContext.Remove(CallerContextKeys.Token);

    /// <summary>The key this grain sends the account for a request: one per (account, channel, key), ≤ 64 characters.</summary>
    private string AccountKeyOf(string scope) =>
        "cr_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AccountId + "\u001f" + scope)))[..40];

    private async Task Commit(Action<CreditState> change)
    {
        var staged = copier.Copy(State);
        change(staged);
        await state.Write(staged);
    }

    /// <summary>
    /// Claims the caller's key in its channel's namespace. A key already this grain's, with no answer or intent kept,
    /// after answers were dropped, may have taken effect: it is never applied again.
    /// </summary>
    private async Task ClaimKey(string idempotencyKey, string fingerprint, bool keepsAnswer = true)
    {
        var claim = await new LifecycleKeys(keyStore, "credit/" + AccountId).Claim(idempotencyKey, "credit/" + AccountId, fingerprint);
        if (keepsAnswer && claim is { Outcome: KeyClaimOutcome.AlreadyYours } && State.AnswersDropped > 0)
        {
            throw new IdempotencyKeyReusedException("This idempotency key's answer is no longer kept, so the request cannot be told apart from a new one; use a new key.");
        }
    }

    private static string ScopeOf(string idempotencyKey) => LifecycleAnswer.ScopeOf(LifecycleKeys.ActingChannel, Ids.Require(idempotencyKey, "idempotencyKey"));

    private CreditAnswer? AnswerOf(string scope, string fingerprint) =>
        State.Answers.FirstOrDefault(answer => answer.Scope == scope) is not { } answer ? null
        : answer.Fingerprint == fingerprint ? answer
        : throw new IdempotencyKeyReusedException("This idempotency key was already used by this channel for another request; use a new key.");

    private void KeepAnswer(CreditState staged, CreditAnswer answer)
    {
        staged.Answers.Add(answer);
        if (staged.Answers.Count > options.AnswersMax)
        {
            staged.AnswersDropped += staged.Answers.Count - options.AnswersMax;
            staged.Answers.RemoveRange(0, staged.Answers.Count - options.AnswersMax);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credit of account {AccountId}: {Step} failed; the next operation or reminder tries again")]
    private partial void LogBackgroundFailed(Exception exception, string accountId, string step);
}
