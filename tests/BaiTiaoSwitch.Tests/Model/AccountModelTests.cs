using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace BaiTiaoSwitch.Tests.Model;

/// <summary>
/// R6: the real account logic and a plainly written reference model run the same seeded random sequences
/// (authorize, increment, capture and over-capture, reverse, expire, refund, limit changes, freeze, grant
/// suspension, replays and reused keys; credit products: plans, refunds on plans, repayments, acknowledged statement cuts
/// and sandbox clock advances) and must agree on every answer and every balance. The real line decides with
/// risk rules: a velocity rule in enforce that the model computes on its own, and shadow rules that must change
/// nothing. A failure shrinks and prints its seed. CI runs at least 10^5 operations; BTS_MODEL_LONG=1 runs 10^6
/// (docs/reliability.md).
/// </summary>
public sealed class AccountModelTests(ITestOutputHelper output)
{
    private static readonly bool Long = Environment.GetEnvironmentVariable("BTS_MODEL_LONG") == "1";
    private static readonly Gen<long?> OptionalAmount = Gen.Select(Gen.Bool, Gen.Long[500, 8_000], (has, value) => has ? value : (long?)null);
    private static readonly Gen<int?> OptionalCount = Gen.Select(Gen.Bool, Gen.Int[1, 12], (has, value) => has ? value : (int?)null);

    private static readonly Gen<KeyedOperation> Keyed = Gen.Frequency(
        (30, Gen.Select(Gen.Int[0, 1], Gen.Long[1, 3_000], (grant, amount) => (KeyedOperation)new AuthorizeStep(grant, amount))),
        (8, Gen.Select(Gen.Int[0, 999], Gen.Long[1, 1_500], (hold, amount) => (KeyedOperation)new IncrementStep(hold, amount))),
        (16, Gen.Select(Gen.Int[0, 999], Gen.Int[10, 125], Gen.Bool, (hold, percent, final) => (KeyedOperation)new CaptureStep(hold, percent, final))),
        (10, Gen.Select(Gen.Int[0, 999], Gen.Bool, Gen.Int[10, 120], (hold, all, percent) => (KeyedOperation)new ReverseStep(hold, all ? null : percent))),
        (8, Gen.Select(Gen.Int[0, 999], Gen.Int[10, 120], (capture, percent) => (KeyedOperation)new RefundStep(capture, percent))),
        (3, Gen.Bool.Select(freeze => (KeyedOperation)new FreezeStep(freeze))),
        (3, Gen.Long[2_000, 20_000].Select(limit => (KeyedOperation)new CreditLimitStep(limit))),
        (3, Gen.Int[Accounts.CreditScores.Min, Accounts.CreditScores.Max].Select(score => (KeyedOperation)new CreditScoreStep(score))),
        (3, Gen.Select(OptionalAmount, OptionalCount, OptionalCount, (amount, day, month) => (KeyedOperation)new AccountLimitsStep(amount, day, month))),
        (5, Gen.Int[0, 999].Select(capture => (KeyedOperation)new PlanStep(capture))),
        (6, Gen.Select(Gen.Long[1, 6_000], Gen.Long[0, 300], Gen.Long[0, 3_000], Gen.Long[0, 5_000], (amount, lateFee, installment, statement) =>
            (KeyedOperation)new RepayStep(amount, lateFee, installment, statement))),
        (3, Gen.Int[0, 100].Select(percent => (KeyedOperation)new CutStep(percent))),
        (3, Gen.Long[1, 20 * 86_400].Select(seconds => (KeyedOperation)new ClockStep(seconds))));

    private static readonly Gen<ModelOperation> Step = Gen.Frequency(
        (80, Keyed.Select(operation => (ModelOperation)operation)),
        (8, Gen.Int[0, 180].Select(minutes => (ModelOperation)new AdvanceStep(minutes))),
        (3, Gen.Select(Gen.Int[0, 1], Gen.Int[0, 5], OptionalAmount, OptionalCount, (grant, active, perTransaction, day) =>
            (ModelOperation)new GrantPolicyStep(grant, active > 0, perTransaction, day))),
        (6, Gen.Int[0, 999].Select(earlier => (ModelOperation)new ReplayStep(earlier))),
        (4, Gen.Select(Gen.Int[0, 999], Keyed, (earlier, other) => (ModelOperation)new ReuseKeyStep(earlier, other))));

    [Fact]
    public void The_account_agrees_with_the_reference_model_on_every_answer_and_balance()
    {
        var operations = 0L;
        var declinedBefore = ReferenceLine.VelocityDeclines;
        var creditBefore = ReferenceLine.Exercised;
        var iterations = Long ? 11_000 : 1_100;

        Step.Array[50, 150].Sample(
            steps => Interlocked.Add(ref operations, new ModelRun().Run(steps)),
            iter: iterations,
            seed: Environment.GetEnvironmentVariable("BTS_MODEL_SEED"));

        var velocityDeclines = ReferenceLine.VelocityDeclines - declinedBefore;
        var credit = ReferenceLine.Exercised;
        var (plans, planRefunds, repayments, cuts, overloaded) = (credit.Plans - creditBefore.Plans, credit.PlanRefunds - creditBefore.PlanRefunds,
            credit.Repayments - creditBefore.Repayments, credit.Cuts - creditBefore.Cuts, credit.Overloaded - creditBefore.Overloaded);
        output.WriteLine($"{operations:N0} operations over {iterations:N0} seeded sequences, 0 violations; {velocityDeclines:N0} payments declined by the velocity rule; "
            + $"{plans:N0} plans, {planRefunds:N0} refunds on plans, {repayments:N0} repayments, {cuts:N0} cuts acknowledged, {overloaded:N0} movements refused while periods were full");
        Assert.True(plans > 0 && planRefunds > 0 && repayments > 0 && cuts > 0 && overloaded > 0, "a credit step was never exercised: the run did not test it");
        Assert.True(velocityDeclines > 0, "the velocity rule never declined: the run did not exercise the rules");
        Assert.True(operations >= (Long ? 1_000_000 : 100_000), $"only {operations} operations ran");
    }
}
