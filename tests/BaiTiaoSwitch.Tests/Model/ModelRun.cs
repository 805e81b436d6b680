using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using Microsoft.Extensions.Time.Testing;

namespace BaiTiaoSwitch.Tests.Model;

/// <summary>Runs one random sequence against the reference model and the real line, step by step, and compares them.</summary>
public sealed partial class ModelRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 14, 30, 0, TimeSpan.Zero); // 22:30 in Beijing, the last day of a month
    private const long Limit = 10_000;
    private static readonly SwitchOptions Options = new()
    {
        HoldPeriod = TimeSpan.FromHours(2), OverCapturePercent = 15, OverCaptureAmountMax = 500, OpenHoldsMax = 20,
        CreditOpenPeriodsMax = 3, ActivePlansMax = 4, PlanRefundsPendingMax = 5,
    };
    private static readonly Merchant Shop = new("m1", "Shop", "5411", "CN");
    private static readonly TimeSpan VelocityWindow = TimeSpan.FromMinutes(45);
    private const int VelocityCountMax = 4;
    private readonly ReferenceLine model = new(Limit, Options.OverCapturePercent, Options.OverCaptureAmountMax, Options.HoldPeriod, Options.OpenHoldsMax)
    {
        VelocityCountMax = VelocityCountMax,
        VelocityWindow = VelocityWindow,
    };

    /// <summary>
    /// The rules the real line decides with: the model's velocity rule in enforce, and rules in shadow that fire often
    /// (a low amount velocity, a spike, fan-out), which must never change an answer or a balance.
    /// </summary>
    private readonly RuleSetCache rules = RulesOf(
        new RiskRule("velocity", RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.SuspendGrant,
            new RuleParameters(VelocityScope.Grant, WindowSeconds: (int)VelocityWindow.TotalSeconds, CountMax: VelocityCountMax), Start, 1),
        new RiskRule("shadow-amount", RiskRuleKind.Velocity, RiskMode.Shadow, RiskAction.FreezeAccount,
            new RuleParameters(VelocityScope.Account, WindowSeconds: 3_600, AmountMax: 2_000), Start, 2),
        new RiskRule("shadow-spike", RiskRuleKind.AmountSpike, RiskMode.Shadow, RiskAction.FreezeCard, new RuleParameters(Factor: 1.5, HistoryMin: 2), Start, 3),
        new RiskRule("shadow-fanout", RiskRuleKind.WalletFanout, RiskMode.Shadow, RiskAction.None, new RuleParameters(WindowSeconds: 600, WalletsMax: 1), Start, 4));
    private readonly RealLine real = new(Limit, Options, new FakeTimeProvider(Start));
    private readonly List<string> authorizationIds = [];
    private readonly List<string> captureIds = [];
    private readonly List<(string Channel, string Key, string Descriptor, Func<string, Outcome> Real, Outcome Answer)> keyed = [];
    private int nextKey;

    /// <summary>The line's clock: the switch's (fake) time plus its sandbox offset.</summary>
    private DateTimeOffset Now => real.AccountClock.GetUtcNow();

    private static RuleSetCache RulesOf(params RiskRule[] rules)
    {
        var cache = new RuleSetCache();
        cache.Adopt(new RuleSet(rules.Length, rules));
        return cache;
    }

    /// <summary>Runs every step; throws with the step and both answers at the first difference. Returns the steps run.</summary>
    public int Run(IReadOnlyList<ModelOperation> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            switch (step)
            {
                case KeyedOperation operation when Resolve(operation) is { } request:
                    var key = "k" + nextKey++;
                    var answer = request.Model();
                    Expect(i, step, answer, request.Real(key));
                    if (model.Holds.Count > authorizationIds.Count)
                    {
                        authorizationIds.Add(real.Book.Authorizations.Values.MaxBy(record => record.Sequence)!.AuthorizationId);
                    }

                    if (model.CaptureEntries.Count > captureIds.Count)
                    {
                        var holdId = authorizationIds[model.Holds.IndexOf(model.CaptureEntries[^1].Hold)];
                        captureIds.Add(real.Book.Authorizations[holdId].Captures[^1].CaptureId);
                    }

                    // An overloaded refusal is retryable: it is no answer, so it is not replayed as one.
                    if (answer != Outcome.Error(ErrorCodes.Overloaded))
                    {
                        keyed.Add((request.Channel, key, request.Descriptor, request.Real, answer));
                    }

                    break;
                case AdvanceStep advance:
                    real.Clock.Advance(TimeSpan.FromMinutes(advance.Minutes));
                    Expect(i, step, new Outcome("expired", model.Expire(Now)), new Outcome("expired", Holds.ExpireDue(real.Book, Now)));
                    break;
                case GrantPolicyStep policy:
                    model.SetGrant(policy.Grant, policy.Active, policy.PerTransactionMax, policy.DailyCountMax);
                    real.SetGrant(policy.Grant, policy.Active, policy.PerTransactionMax, policy.DailyCountMax);
                    break;
                case ReplayStep replay when keyed.Count > 0:
                    var earlier = keyed[replay.Earlier % keyed.Count];
                    Expect(i, step, earlier.Answer, earlier.Real(earlier.Key));
                    break;
                case ReuseKeyStep reuse when keyed.Count > 0 && Resolve(reuse.Other) is { } other:
                    var used = keyed[reuse.Earlier % keyed.Count];
                    if (other.Channel == used.Channel)
                    {
                        var expected = other.Descriptor == used.Descriptor ? used.Answer : Outcome.Error(ErrorCodes.IdempotencyKeyReused);
                        Expect(i, step, expected, other.Real(used.Key));
                    }

                    break;
            }

            CompareBalances(i, step);
        }

        return steps.Count;
    }

    private (string Channel, string Descriptor, Func<Outcome> Model, Func<string, Outcome> Real)? Resolve(KeyedOperation operation)
    {
        var issuer = Caller.Issuer("issuer");
        switch (operation)
        {
            case AuthorizeStep pay:
                var command = new AuthorizeCommand(RealLine.GrantId(pay.Grant), "card-1", Money.Fen(pay.Amount), Shop);
                return (RealLine.Channels[pay.Grant], $"authorize|{pay.Grant}|{pay.Amount}", () => model.Authorize(pay.Grant, pay.Amount, Now),
                    key => real.Run(Wallet(pay.Grant), key, new AuthorizeOperation(command, new RiskScreen(rules, BaiTiaoSwitch.Tests.Risk.Verdicts.NoVerdicts.Instance, new RiskOptions())), real.View));
            case IncrementStep increment when HoldAt(increment.Hold) is var (hold, id, grant):
                return (RealLine.Channels[grant], $"increment|{id}|{increment.Amount}", () => model.Increment(hold, increment.Amount, Now),
                    key => real.Run(Wallet(grant), key, new IncrementOperation(real.Locator, id, Money.Fen(increment.Amount)), real.View));
            case CaptureStep capture when HoldAt(capture.Hold) is var (hold, id, grant):
                var amount = Math.Max(1, (hold.Amount - hold.Captured - hold.Reversed) * capture.Percent / 100);
                return (RealLine.Channels[grant], $"capture|{id}|{amount}|{capture.Final}", () => model.Capture(hold, amount, capture.Final, Now),
                    key => real.Run(Wallet(grant), key, new CaptureOperation(real.Locator, id, Money.Fen(amount), capture.Final), RealLine.View));
            case ReverseStep reverse when HoldAt(reverse.Hold) is var (hold, id, grant):
                long? release = reverse.Percent is { } percent ? Math.Max(1, hold.Held * percent / 100) : null;
                return (RealLine.Channels[grant], $"reverse|{id}|{release}", () => model.Reverse(hold, release, Now),
                    key => real.Run(Wallet(grant), key, new ReverseOperation(real.Locator, id, release is { } r ? Money.Fen(r) : null), real.View));
            case RefundStep refund when captureIds.Count > 0:
                var index = refund.Capture % captureIds.Count;
                var entry = model.CaptureEntries[index];
                var refundAmount = Math.Max(1, (entry.Amount - entry.Refunded) * refund.Percent / 100);
                var channel = RealLine.Channels[entry.Hold.Grant];
                return (channel, $"refund|{captureIds[index]}|{refundAmount}", () => model.Refund(entry, refundAmount, Now),
                    key => real.Run(Wallet(entry.Hold.Grant), key, new RefundOperation(real.Locator, captureIds[index], Money.Fen(refundAmount)), RealLine.View));
            case FreezeStep freeze:
                return ("issuer", freeze.Freeze ? "freeze" : "unfreeze", () => model.SetFrozen(freeze.Freeze),
                    key => real.Run(issuer, key, freeze.Freeze ? AccountLifecycle.Freeze() : AccountLifecycle.Unfreeze(), RealLine.View));
            case CreditLimitStep limit:
                return ("issuer", $"limit|{limit.Limit}", () => model.SetLimit(limit.Limit),
                    key => real.Run(issuer, key, AccountLifecycle.ChangeCreditLimit(real.Book, Money.Fen(limit.Limit)), RealLine.View));
            case CreditScoreStep score:
                return ("issuer", $"score|{score.Score}", () => model.SetScore(score.Score),
                    key => real.Run(issuer, key, CreditScoreChange.Change(score.Score, CreditScoreBands.Default), RealLine.View));
            case AccountLimitsStep limits:
                return ("issuer", $"limits|{limits.DailyAmountMax}|{limits.DailyCountMax}|{limits.MonthlyCountMax}",
                    () => model.SetAccountLimits(limits.DailyAmountMax, limits.DailyCountMax, limits.MonthlyCountMax),
                    key => real.Run(issuer, key, AccountLifecycle.SetLimits(new SpendLimits(DailyAmountMax: limits.DailyAmountMax, DailyCountMax: limits.DailyCountMax,
                        MonthlyCountMax: limits.MonthlyCountMax)), RealLine.View));
            default:
                return ResolveCredit(operation);
        }
    }

    private (ReferenceLine.Hold Hold, string Id, int Grant)? HoldAt(int index) =>
        authorizationIds.Count == 0 ? null : (model.Holds[index % authorizationIds.Count], authorizationIds[index % authorizationIds.Count], model.Holds[index % authorizationIds.Count].Grant);

    private static Caller Wallet(int grant) => Caller.Wallet(RealLine.Channels[grant]);

    private static void Expect(int index, ModelOperation step, Outcome expected, Outcome actual)
    {
        if (expected != actual)
        {
            throw new ModelViolation($"step {index} {step}: the model answered {expected}, the switch {actual}");
        }
    }

    private void CompareBalances(int index, ModelOperation step)
    {
        var header = real.Book.Header;
        var expected = (model.Pending, model.Posted, model.OpenHolds, model.ForcedTotal, model.ForcedCount, Available: model.Limit - model.Pending - model.Posted,
            model.InstallmentsOutstanding, model.PrincipalRepaid, model.LastCut, ModelCredit());
        var actual = (header.Pending, header.Posted, header.OpenHolds, header.OverLimitAmount, header.OverLimitCount, header.Available,
            header.InstallmentsOutstanding, header.PrincipalRepaid, header.LastCut, RealCredit());
        if (expected != actual)
        {
            throw new ModelViolation($"after step {index} {step}: the model computes {expected}, the switch holds {actual}");
        }
    }
}

public sealed class ModelViolation(string message) : Exception(message);
