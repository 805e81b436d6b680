using BaiTiaoSwitch.Lifecycle;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// The cluster's risk rules: versioned, durable (written before answered: <see cref="DurableState{TState}"/>), keyed
/// changes idempotent like every lifecycle change. Every silo watches it (<see cref="Watch"/>, a long poll answered the
/// moment a change is stored), and a change is answered once every watching silo holds it, so it reaches every
/// account's next decision without a restart.
/// </summary>
public sealed partial class RiskRulesGrain : Grain, IRiskRulesGrain
{
    private const string Owner = "risk-rules";
    private readonly DurableState<RulesState> rules;
    private readonly DeepCopier<RulesState> copier;
    private readonly LifecycleKeys keys;
    private readonly RiskOptions options;
    private readonly int answersMax;
    private readonly TimeProvider clock;
    private readonly ILogger<RiskRulesGrain> logger;
    private readonly Dictionary<string, (long Version, DateTime SeenAt)> watchers = new(StringComparer.Ordinal);
    private TaskCompletionSource<RuleSet> changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource watched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RiskRulesGrain(
        [PersistentState("rules", StorageNames.Entities)] IPersistentState<RulesState> stored,
        DeepCopier<RulesState> copier,
        IRequestKeyStore keyStore,
        IOptions<RiskOptions> options,
        IOptions<Accounts.SwitchOptions> switchOptions,
        TimeProvider clock,
        ILogger<RiskRulesGrain> logger)
    {
        rules = new DurableState<RulesState>(stored, GrainContext, logger);
        this.copier = copier;
        keys = new LifecycleKeys(keyStore, Owner);
        this.options = options.Value;
        answersMax = switchOptions.Value.LifecycleAnswersMax;
        this.clock = clock;
        this.logger = logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Silos hold watches on this grain: keeping it active keeps their answers immediate (a move to another silo is
        // covered too: each watch times out and is made again on the new activation).
        DelayDeactivation(TimeSpan.FromDays(365));
        return Task.CompletedTask;
    }

    public Task<RuleSet> GetRules() => Task.FromResult(rules.Current.ToRuleSet());

    public async Task<RiskRule> PutRule(string idempotencyKey, string ruleId, RuleDraft draft)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        Ids.Require(ruleId, "ruleId");
        draft = RuleValidation.Validated(draft, options);
        var p = draft.Params;
        var fingerprint = LifecycleAnswer.FingerprintOf("risk.rule", ruleId, draft.Kind, draft.Mode, draft.Action, p.Scope, p.WindowSeconds, p.CountMax,
            p.AmountMax, p.Factor, p.HistoryMin, p.WalletsMax, p.AccountsMax, p.AccountAgeDaysMax, p.MerchantId);
        var check = await keys.Check(rules.Current, idempotencyKey, fingerprint);
        if (check.Verdict != KeyVerdict.Apply)
        {
            return check.Answer is { IsRefusal: true } refused ? throw refused.ToRefusal()
                : check.Answer is not null && rules.Current.AnsweredRules.TryGetValue(check.Scope, out var answered) ? answered
                : rules.Current.Rules.Find(rule => rule.RuleId == ruleId) ?? throw new NotFoundException("No such rule.");
        }

        var staged = copier.Copy(rules.Current);
        var index = staged.Rules.FindIndex(rule => rule.RuleId == ruleId);
        OperationRejectedException? refusal = null;
        RiskRule? rule = null;
        if (index < 0 && staged.Rules.Count >= options.RulesMax)
        {
            refusal = new OperationRejectedException(ErrorCodes.RulesLimitReached, $"The cluster holds {options.RulesMax} rules, the most configured; change an existing rule instead.");
        }
        else
        {
            staged.Version++;
            rule = new RiskRule(ruleId, draft.Kind, draft.Mode, draft.Action, draft.Params, clock.GetUtcNow(), staged.Version);
            if (index < 0)
            {
                staged.Rules.Add(rule);
            }
            else
            {
                staged.Rules[index] = rule;
            }
        }

        RecentAnswers.Add(staged, new LifecycleAnswer(check.Scope, fingerprint, 0, Accounts.SpendLimits.None, refusal?.Code, refusal?.Message, clock.GetUtcNow()), answersMax);
        if (rule is not null)
        {
            staged.AnsweredRules[check.Scope] = rule;
        }

        foreach (var gone in staged.AnsweredRules.Keys.Where(scope => RecentAnswers.Find(staged, scope) is null).ToList())
        {
            staged.AnsweredRules.Remove(gone);
        }

        await rules.Write(staged);
        if (refusal is not null)
        {
            throw refusal;
        }

        LogChanged(ruleId, draft.Kind, draft.Mode, staged.Version);
        var waiting = changed;
        changed = new TaskCompletionSource<RuleSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.TrySetResult(staged.ToRuleSet());
        await EveryWatcherHolds(staged.Version);
        return rule!;
    }

    public async Task<RuleSet> Watch(long knownVersion, string watcher)
    {
        watchers[watcher] = (knownVersion, DateTime.UtcNow);
        Interlocked.Exchange(ref watched, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        var current = rules.Current;
        if (current.Version != knownVersion)
        {
            return current.ToRuleSet();
        }

        var next = changed.Task;
        var finished = await Task.WhenAny(next, Task.Delay(options.RulesWatchHold));
        return finished == next ? await next : rules.Current.ToRuleSet();
    }

    /// <summary>
    /// Waits until every silo that watched lately (within a watch hold and a retry) watches from
    /// <paramref name="version"/> or later, which it does right after adopting it; at most <c>RulesPushWaitMax</c>.
    /// </summary>
    private async Task EveryWatcherHolds(long version)
    {
        var recent = DateTime.UtcNow - options.RulesWatchHold - options.RulesWatchRetry - TimeSpan.FromSeconds(1);
        foreach (var stale in watchers.Where(entry => entry.Value.SeenAt < recent).Select(entry => entry.Key).ToList())
        {
            watchers.Remove(stale);
        }

        var deadline = Task.Delay(options.RulesPushWaitMax);
        while (watchers.Values.Any(entry => entry.Version < version))
        {
            if (await Task.WhenAny(watched.Task, deadline) == deadline)
            {
                LogPushTimedOut(version, watchers.Count(entry => entry.Value.Version < version));
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule set version {Version} is answered before {Silos} watching silo(s) confirmed they hold it; they get it when they watch next")]
    private partial void LogPushTimedOut(long version, int silos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk rule {RuleId} is now {Kind} in mode {Mode}; rule set version {Version}")]
    private partial void LogChanged(string ruleId, RiskRuleKind kind, RiskMode mode, long version);
}
