using System.Globalization;
using BaiTiaoSwitch.Cli.Drivers;
using BaiTiaoSwitch.Cli.Output;

namespace BaiTiaoSwitch.Cli.Demo;

/// <summary>
/// The story of issue #2, told through a driver (SDK or HTTP): one line, one card, two wallets, a concurrent
/// burst that uses the line up, captures, a reversal, a refund and a revocation; then the line as a credit product
/// (issue #9): a purchase on installments, the statement, its repayment. Every claim it makes is checked.
/// </summary>
public sealed partial class DemoStory(ISwitchDriver driver, Narrator narrator, DemoOptions options)
{
    public const string Alipay = "alipay";
    public const string WeChatPay = "wechatpay";

    private static readonly string[] Wallets = [Alipay, WeChatPay];

    private readonly string runId = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
    private readonly Ledger ledger = new();
    private readonly Dictionary<string, GrantView> grants = [];

    // A capture captured in full and never refunded: the purchase the credit act turns into installments.
    private CaptureView? purchaseForPlan;

    public static string WalletName(string channel) => channel switch
    {
        Alipay => "Alipay",
        WeChatPay => "WeChat Pay",
        _ => channel,
    };

    /// <summary>Runs every step; true when every check held.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var accountId = "demo-" + runId;
        var limit = options.LimitFen;
        narrator.Title(
            $"BaiTiaoSwitch demo: one {Yuan.Format(limit)} credit line, two wallets, never overspent",
            $"Switch:  {driver.Description}",
            $"Run:     {runId} (payment amounts from --seed {options.Seed})");

        var card = await OpenLineAndIssueCard(accountId, limit, cancellationToken);
        await BindWallets(card, cancellationToken);
        var approvals = await PayUntilUsedUp(accountId, limit, cancellationToken);
        await CaptureReverseRefund(accountId, approvals, cancellationToken);
        await Revoke(accountId, limit, cancellationToken);
        await CreditProducts(accountId, cancellationToken);

        narrator.Verdict();
        return narrator.Failures.Count == 0;
    }

    private async Task<CardView> OpenLineAndIssueCard(string accountId, long limit, CancellationToken cancellationToken)
    {
        narrator.Step($"Open a {Yuan.Format(limit)} credit line (白条) and issue a virtual card (分卡)");
        var line = await driver.OpenLineAsync(accountId, Holder, limit, cancellationToken);
        ShowLine(line);
        var card = await driver.IssueCardAsync(accountId, Key("card"), cancellationToken);
        narrator.Say();
        narrator.Show(new Table(("Card", Align.Left), ("Number", Align.Left), ("Expires", Align.Left), ("Status", Align.Left))
            .Add(card.CardId, "•••• •••• •••• " + card.Last4, card.Expiry, card.Status));
        narrator.Say("The full card number is returned once, at issue, for the holder; it is never printed or logged.");
        narrator.Check(line.Limit == limit && line.Available == limit && line.Pending == 0 && line.Posted == 0,
            $"the new line has all of its {Yuan.Format(limit)} available");
        narrator.Check(card.Last4.Length == 4 && card.Last4.All(char.IsAsciiDigit), "only the last 4 digits of the card are shown");
        return card;
    }

    // The holder of the line; one per run, so the sandbox one-time code of this run is never confused with another's.
    private DemoHolder Holder { get; } = DemoHolder.Fresh(new Random());

    private async Task BindWallets(CardView card, CancellationToken cancellationToken)
    {
        narrator.Step("Bind the card to Alipay (支付宝) and WeChat Pay (微信支付)");
        narrator.Say($"Binding: {driver.BindingDescription}.");
        var table = new Table(("Wallet", Align.Left), ("Grant", Align.Left), ("Card", Align.Left), ("Status", Align.Left), ("Wallet token", Align.Left));
        foreach (var wallet in Wallets)
        {
            var grant = await driver.BindAsync(card, Holder, wallet, Key("bind-" + wallet), cancellationToken);
            grants[wallet] = grant;
            table.Add(WalletName(wallet), grant.GrantId, "•••• " + grant.Last4, grant.Status, grant.HasWalletToken ? "issued to the wallet (not shown)" : "held by the wallet only");
        }

        narrator.Show(table);
        narrator.Check(grants.Values.All(grant => grant.Status == "active"), "both grants are active");
        narrator.Check(grants.Values.All(grant => grant.Last4 == card.Last4), "each grant shows the same card, by its last 4 digits only");
    }

    private async Task<List<(PlannedPayment Plan, PaymentView Result)>> PayUntilUsedUp(string accountId, long limit, CancellationToken cancellationToken)
    {
        narrator.Step("Pay from both wallets at once until the line is used up");
        var plan = PaymentPlan.Create(limit, Wallets, new Random(options.Seed));
        var requested = plan.Sum(payment => payment.Amount);
        narrator.Say($"{plan.Count} payments ({plan.Count(p => p.Channel == Alipay)} from Alipay, {plan.Count(p => p.Channel == WeChatPay)} from WeChat Pay) " +
                     $"ask for {Yuan.Format(requested)} in total, against {Yuan.Format(limit)} of credit.");
        narrator.Say("They are all sent at the same moment; the line's account grain decides them one at a time.");

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = plan.Select(async payment =>
        {
            await start.Task;
            var result = await driver.AuthorizeAsync(payment.Channel, grants[payment.Channel].GrantId, payment.Amount, payment.Merchant, Key("pay-" + payment.Number), cancellationToken);
            return (Plan: payment, Result: result);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(sending);

        // Approvals only lower the available credit during the burst, so ordering by "available after" (approval
        // before the declines that saw the same balance) is the order in which the line decided them.
        var decided = results
            .OrderByDescending(r => r.Result.AvailableAfter)
            .ThenBy(r => r.Result.Approved ? 0 : 1)
            .ThenBy(r => r.Plan.Number)
            .ToList();
        var table = new Table(("#", Align.Right), ("Wallet", Align.Left), ("Merchant", Align.Left), ("Amount", Align.Right), ("Decision", Align.Left), ("Reason", Align.Left), ("Available after", Align.Right));
        foreach (var (payment, result) in decided)
        {
            table.Add(payment.Number, WalletName(payment.Channel), payment.Merchant.Name, Yuan.Format(payment.Amount),
                result.Approved ? "approved" : "declined", result.Reason ?? "", Yuan.Format(result.AvailableAfter));
        }

        narrator.Say();
        narrator.Say("The answers, in the order the line decided them:");
        narrator.Show(table);

        var approved = decided.Where(r => r.Result.Approved).ToList();
        var declined = decided.Where(r => !r.Result.Approved).ToList();
        foreach (var (_, result) in approved)
        {
            ledger.Approved(result.AuthorizationId, result.Amount);
        }

        narrator.Say();
        var summary = new Table(("Wallet", Align.Left), ("Approved", Align.Right), ("Approved sum", Align.Right), ("Declined", Align.Right), ("Declined sum", Align.Right));
        foreach (var wallet in Wallets)
        {
            var mine = decided.Where(r => r.Plan.Channel == wallet).ToList();
            summary.Add(WalletName(wallet), mine.Count(r => r.Result.Approved), Yuan.Format(mine.Where(r => r.Result.Approved).Sum(r => r.Plan.Amount)),
                mine.Count(r => !r.Result.Approved), Yuan.Format(mine.Where(r => !r.Result.Approved).Sum(r => r.Plan.Amount)));
        }

        summary.Add("Both", approved.Count, Yuan.Format(approved.Sum(r => r.Plan.Amount)), declined.Count, Yuan.Format(declined.Sum(r => r.Plan.Amount)));
        narrator.Show(summary);

        var line = await driver.GetLineAsync(accountId, cancellationToken);
        narrator.Say();
        ShowLine(line);
        var approvedSum = approved.Sum(r => r.Plan.Amount);
        narrator.Check(approvedSum <= limit, $"no overspend: approved {Yuan.Format(approvedSum)} ≤ limit {Yuan.Format(limit)}");
        narrator.Check(approved.All(r => r.Result.Amount == r.Plan.Amount), "every approval holds exactly the amount asked for");
        narrator.Check(declined.Count > 0 && declined.All(r => r.Result.Reason == "insufficient_credit"),
            $"every payment over what was left was declined with insufficient_credit ({declined.Count} declined)");
        if (declined.Count > 0)
        {
            var smallestDeclined = declined.Min(r => r.Plan.Amount);
            narrator.Check(line.Available < smallestDeclined,
                $"the line is used up: {Yuan.Format(line.Available)} left is less than the smallest declined payment ({Yuan.Format(smallestDeclined)})");
        }

        narrator.Check(line.Pending == approvedSum && line.Posted == 0, $"the switch holds exactly the approved {Yuan.Format(approvedSum)} as pending");
        CheckConservation(line);
        return approved.Select(r => (r.Plan, r.Result)).ToList();
    }

    private async Task CaptureReverseRefund(string accountId, List<(PlannedPayment Plan, PaymentView Result)> approvals, CancellationToken cancellationToken)
    {
        narrator.Step("Capture some payments, reverse one and refund one");

        // Alternate between the wallets so both take part: approvals in decision order, Alipay's and WeChat Pay's interleaved.
        var queues = Wallets.Select(wallet => new Queue<(PlannedPayment Plan, PaymentView Result)>(approvals.Where(a => a.Plan.Channel == wallet))).ToArray();
        var picked = new List<(PlannedPayment Plan, PaymentView Result)>();
        for (var i = 0; picked.Count < 5 && queues.Any(queue => queue.Count > 0); i++)
        {
            if (queues[i % queues.Length].TryDequeue(out var next))
            {
                picked.Add(next);
            }
        }

        if (picked.Count < 5)
        {
            narrator.Check(false, $"at least 5 approved payments to capture, reverse and refund ({approvals.Count} approved)");
            return;
        }

        var table = new Table(("Action", Align.Left), ("#", Align.Right), ("Wallet", Align.Left), ("Held", Align.Right), ("Amount", Align.Right), ("Payment status", Align.Left), ("Id", Align.Left));
        var fullCaptures = new List<CaptureView>();
        foreach (var (plan, result) in picked.Take(3))
        {
            var capture = await driver.CaptureAsync(plan.Channel, result.AuthorizationId, result.Amount, final: false, Key("capture-" + plan.Number), cancellationToken);
            ledger.Capture(result.AuthorizationId, capture.Amount, final: false);
            fullCaptures.Add(capture);
            var after = await driver.GetPaymentAsync(plan.Channel, result.AuthorizationId, cancellationToken);
            table.Add("capture in full", plan.Number, WalletName(plan.Channel), Yuan.Format(result.Amount), Yuan.Format(capture.Amount), after.Status, capture.CaptureId);
        }

        purchaseForPlan = fullCaptures[1];
        var (partialPlan, partial) = picked[3];
        var partialAmount = Math.Max(1, partial.Amount * 6 / 10);
        var partialCapture = await driver.CaptureAsync(partialPlan.Channel, partial.AuthorizationId, partialAmount, final: true, Key("capture-" + partialPlan.Number), cancellationToken);
        ledger.Capture(partial.AuthorizationId, partialCapture.Amount, final: true);
        var partialAfter = await driver.GetPaymentAsync(partialPlan.Channel, partial.AuthorizationId, cancellationToken);
        table.Add("capture 60%, final", partialPlan.Number, WalletName(partialPlan.Channel), Yuan.Format(partial.Amount), Yuan.Format(partialCapture.Amount), partialAfter.Status, partialCapture.CaptureId);

        var (reversePlan, toReverse) = picked[4];
        var reversed = await driver.ReverseAsync(reversePlan.Channel, toReverse.AuthorizationId, Key("reverse-" + reversePlan.Number), cancellationToken);
        ledger.ReverseAll(toReverse.AuthorizationId);
        table.Add("reverse", reversePlan.Number, WalletName(reversePlan.Channel), Yuan.Format(toReverse.Amount), Yuan.Format(reversed.Reversed), reversed.Status, reversed.AuthorizationId);

        var (refundPlan, refunded) = picked[0];
        var refundAmount = Math.Max(1, fullCaptures[0].Amount / 2);
        var refundKey = Key("refund-" + refundPlan.Number);
        var refund = await driver.RefundAsync(refundPlan.Channel, fullCaptures[0].CaptureId, refundAmount, refundKey, cancellationToken);
        ledger.Refund(refund.Amount);
        var refundAfter = await driver.GetPaymentAsync(refundPlan.Channel, refunded.AuthorizationId, cancellationToken);
        table.Add("refund half", refundPlan.Number, WalletName(refundPlan.Channel), "", Yuan.Format(refund.Amount), refundAfter.Status, refund.RefundId);
        narrator.Show(table);
        narrator.Say($"A final capture closes its payment and gives the rest of its hold back ({Yuan.Format(partial.Amount - partialCapture.Amount)} here).");

        // The wallet did not hear back and sends the refund again, with the same idempotency key.
        var replay = await driver.RefundAsync(refundPlan.Channel, fullCaptures[0].CaptureId, refundAmount, refundKey, cancellationToken);
        narrator.Say($"The wallet sends the refund again with the same idempotency key: the answer is refund {replay.RefundId}.");

        var line = await driver.GetLineAsync(accountId, cancellationToken);
        narrator.Say();
        ShowLine(line);
        narrator.Check(replay.RefundId == refund.RefundId && replay.Amount == refund.Amount, "the repeated refund returned the original one: one effect per request");
        narrator.Check(fullCaptures.All(capture => !capture.OverLimit) && !partialCapture.OverLimit, "no capture went over its hold");
        narrator.Check(partialAfter.Status == "closed" && reversed.Status == "reversed", "the final capture closed its payment and the reversal released its hold");
        ReconcileWithLedger(line);
        CheckConservation(line);
    }

    private void ShowLine(LineView line) =>
        narrator.Show(new Table(("Line", Align.Left), ("Status", Align.Left), ("Limit", Align.Right), ("Available", Align.Right), ("Pending", Align.Right), ("Posted", Align.Right))
            .Add(line.AccountId, line.Status, Yuan.Format(line.Limit), Yuan.Format(line.Available), Yuan.Format(line.Pending), Yuan.Format(line.Posted)));

    private void CheckConservation(LineView line) =>
        narrator.Check(line.Limit - line.Available == line.Pending + line.Posted,
            $"conservation: limit − available = Σ open holds + posted ({Yuan.Format(line.Limit)} − {Yuan.Format(line.Available)} = " +
            $"{Yuan.Format(line.Pending)} + {Yuan.Format(line.Posted)})");

    private void ReconcileWithLedger(LineView line) =>
        narrator.Check(line.Pending == ledger.Pending && line.Posted == ledger.Posted,
            $"the switch agrees with the demo's own ledger to the fen: pending {Yuan.Format(ledger.Pending)} (open holds), " +
            $"posted {Yuan.Format(ledger.Posted)} (captures {Yuan.Format(ledger.Captured)} − refunds {Yuan.Format(ledger.Refunded)})");

    private string Key(string purpose) => $"demo-{runId}-{purpose}";
}
