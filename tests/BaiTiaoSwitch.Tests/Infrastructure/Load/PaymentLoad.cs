using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Testing.Conservation;

namespace BaiTiaoSwitch.Tests.Infrastructure.Load;

/// <summary>
/// Concurrent wallets working one line: each authorizes, then captures (partly or finally), refunds, reverses (partly
/// or wholly) or leaves the hold open, every request retried with its own key until answered. Each answer is recorded
/// once in the test's own <see cref="ExpectedLedger"/>. Seeded: the same seed makes the same requests.
/// </summary>
public sealed class PaymentLoad(Scenario scenario, IGrainFactory grains, int seed, TimeSpan requestDeadline)
{
    private readonly Lock gate = new();
    private readonly List<(long Count, TaskCompletionSource Reached)> milestones = [];
    private long answered;
    private int authorizeKeys;
    private int declined;

    public ExpectedLedger Expected { get; } = new();

    public RetryTally Tally { get; } = new();

    /// <summary>How many authorization keys the load sent: each must have left exactly one record, approved or declined.</summary>
    public int AuthorizeKeys => Volatile.Read(ref authorizeKeys);

    public int Declined => Volatile.Read(ref declined);

    /// <summary>Completes once the load has had <paramref name="count"/> answers: a trigger on observed progress.</summary>
    public Task Answered(long count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (answered >= count)
            {
                return Task.CompletedTask;
            }

            milestones.Add((count, reached));
        }

        return reached.Task;
    }

    /// <summary>Runs <paramref name="workers"/> concurrent wallets of <paramref name="payments"/> payments each.</summary>
    public Task Run(int workers, int payments) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => Worker(worker, payments))));

    private async Task Worker(int worker, int payments)
    {
        var random = new Random(HashCode.Combine(seed, worker));
        var channels = scenario.Grants.Keys.Order(StringComparer.Ordinal).ToArray();
        var retry = new SameKeyRetry(Tally, requestDeadline);
        for (var payment = 0; payment < payments; payment++)
        {
            var channel = channels[(worker + payment) % channels.Length];
            var wallet = Wallets.WithoutRetries(grains, channel);
            var key = $"s{seed}-w{worker}-p{payment}";
            var amount = random.Next(2, 40) * 50L;
            Interlocked.Increment(ref authorizeKeys);
            var hold = await retry.Resolve(key + "-a", options =>
                wallet.AuthorizeAsync(new AuthorizeRequest(scenario.Grants[channel].GrantId, null, Money.Fen(amount), Scenario.Shop), options));
            if (hold is null || !hold.IsApproved)
            {
                Interlocked.Add(ref declined, hold is null ? 0 : 1);
                Progress(hold);
                continue;
            }

            Expected.Opened(hold.AuthorizationId, amount);
            Progress(hold);
            await Follow(random.Next(100), hold.AuthorizationId, amount, wallet, retry, key);
        }
    }

    /// <summary>What a wallet does after approval; <paramref name="dice"/> from 0 to 99 picks it.</summary>
    private async Task Follow(int dice, string id, long amount, BaiTiaoSwitchClient wallet, SameKeyRetry retry, string key)
    {
        switch (dice)
        {
            case < 30:
                return; // left open
            case < 55:
                var part = await retry.Resolve(key + "-c", options => wallet.CaptureAsync(id, Money.Fen(amount / 2), final: false, options));
                Record(part, () => Expected.Captured(id, amount / 2, final: false));
                if (part is not null && dice < 45)
                {
                    var refund = await retry.Resolve(key + "-r", options => wallet.RefundAsync(part.CaptureId, Money.Fen(amount / 4), options));
                    Record(refund, () => Expected.Refunded(id, amount / 4));
                }

                return;
            case < 75:
                var final = await retry.Resolve(key + "-f", options => wallet.CaptureAsync(id, Money.Fen(amount - 50), final: true, options));
                Record(final, () => Expected.Captured(id, amount - 50, final: true));
                return;
            case < 90:
                var partly = await retry.Resolve(key + "-v", options => wallet.ReverseAsync(id, Money.Fen(amount / 2), options));
                Record(partly, () => Expected.Reversed(id, amount / 2));
                return;
            default:
                var whole = await retry.Resolve(key + "-x", options => wallet.ReverseAsync(id, null, options));
                Record(whole, () => Expected.Reversed(id, null));
                return;
        }
    }

    private void Record(object? answer, Action record)
    {
        if (answer is not null)
        {
            record();
            Progress(answer);
        }
    }

    private void Progress(object? answer)
    {
        if (answer is null)
        {
            return;
        }

        List<TaskCompletionSource> reached;
        lock (gate)
        {
            answered++;
            reached = milestones.Where(milestone => milestone.Count <= answered).Select(milestone => milestone.Reached).ToList();
            milestones.RemoveAll(milestone => milestone.Count <= answered);
        }

        reached.ForEach(milestone => milestone.TrySetResult());
    }
}
