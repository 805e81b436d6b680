namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>
/// Reaches the switch through the signed HTTP API of the gateway, as a wallet that is not .NET does. Cards are bound
/// by identity-verified binding: the four elements, then the one-time code (read from the sandbox outbox).
/// </summary>
public sealed class HttpDriver(Uri gateway, DevelopmentChannels channels, string issuerChannel, TimeSpan requestTimeout) : ISwitchDriver
{
    private const string Wallet = "wallet";
    private const string Issuer = "issuer";

    private readonly SignedHttpClient http = new(new HttpClient { BaseAddress = gateway, Timeout = requestTimeout }, channels);

    public string Description => $"signed HTTP API of the gateway at {gateway}, channel secrets from {channels.Path}";

    public string BindingDescription => "identity-verified binding: four elements, then the one-time code sent to the holder's phone (sandbox outbox)";

    /// <summary>Waits until the gateway answers ready (it can reach the cluster), for at most the request timeout.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + requestTimeout;
        string? problem;
        do
        {
            try
            {
                using var ready = await probe.GetAsync("/health/ready", cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }

                problem = $"The gateway at {gateway} is up but not ready ({(int)ready.StatusCode}): it cannot reach the cluster. Are the silos running?";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                problem = $"Could not reach the gateway at {gateway}: {exception.Message}. Start the switch with deploy/local/run.sh, or pass --gateway.";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
        while (DateTimeOffset.UtcNow < deadline);

        throw new SwitchStepException("gateway_unavailable", $"{problem} (waited {requestTimeout.TotalSeconds:0} s)");
    }

    public async Task<LineView> OpenLineAsync(string accountId, DemoHolder holder, long limit, CancellationToken cancellationToken) =>
        View(await http.SendAsync<WireAccount>(HttpMethod.Post, "/v1/accounts", issuerChannel, Issuer,
            new { accountId, holder = new { name = holder.Name, idNumber = holder.IdNumber, phone = holder.Phone }, creditLimit = Cny(limit), creditScore = 720 },
            "open-" + accountId, cancellationToken));

    public async Task<CardView> IssueCardAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var card = await http.SendAsync<WireCard>(HttpMethod.Post, $"/v1/accounts/{accountId}/cards", issuerChannel, Issuer, new { }, idempotencyKey, cancellationToken);
        return new CardView(card.CardId, card.Last4, card.Expiry, card.Status,
            card.CardNumber ?? throw new SwitchStepException("unexpected_response", "Issuing a card did not return its number, which binding needs."));
    }

    public async Task<GrantView> BindAsync(CardView card, DemoHolder holder, string channel, string idempotencyKey, CancellationToken cancellationToken)
    {
        var pending = await http.SendAsync<WireGrant>(HttpMethod.Post, "/v1/bindings", channel, Wallet,
            new { cardNumber = card.CardNumber, holder = new { name = holder.Name, idNumber = holder.IdNumber, phone = holder.Phone } },
            idempotencyKey, cancellationToken);
        var otp = await http.SendAsync<WireOtp>(HttpMethod.Get, "/v1/sandbox/otp?phone=" + Uri.EscapeDataString(holder.Phone), issuerChannel, Issuer, null, null, cancellationToken);
        var active = await http.SendAsync<WireGrant>(HttpMethod.Post, $"/v1/bindings/{pending.GrantId}/verify", channel, Wallet,
            new { otp = otp.Otp }, idempotencyKey + "-verify", cancellationToken);
        return View(active);
    }

    public async Task<PaymentView> AuthorizeAsync(string channel, string grantId, long amount, DemoMerchant merchant, string idempotencyKey, CancellationToken cancellationToken) =>
        View(await http.SendAsync<WireAuthorization>(HttpMethod.Post, "/v1/authorizations", channel, Wallet,
            new { grantId, amount = Cny(amount), merchant = new { id = merchant.Id, name = merchant.Name, mcc = merchant.Mcc, country = merchant.Country } },
            idempotencyKey, cancellationToken));

    public async Task<CaptureView> CaptureAsync(string channel, string authorizationId, long amount, bool final, string idempotencyKey, CancellationToken cancellationToken)
    {
        var capture = await http.SendAsync<WireCapture>(HttpMethod.Post, $"/v1/authorizations/{authorizationId}/captures", channel, Wallet,
            new { amount = Cny(amount), final }, idempotencyKey, cancellationToken);
        return new CaptureView(capture.CaptureId, capture.AuthorizationId, capture.Amount.Amount, capture.OverLimit);
    }

    public async Task<PaymentView> ReverseAsync(string channel, string authorizationId, string idempotencyKey, CancellationToken cancellationToken) =>
        View(await http.SendAsync<WireAuthorization>(HttpMethod.Post, $"/v1/authorizations/{authorizationId}/reversals", channel, Wallet, new { }, idempotencyKey, cancellationToken));

    public async Task<RefundView> RefundAsync(string channel, string captureId, long amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        var refund = await http.SendAsync<WireRefund>(HttpMethod.Post, $"/v1/captures/{captureId}/refunds", channel, Wallet, new { amount = Cny(amount) }, idempotencyKey, cancellationToken);
        return new RefundView(refund.RefundId, refund.CaptureId, refund.Amount.Amount);
    }

    public async Task<GrantView> RevokeAsync(string channel, string grantId, string idempotencyKey, CancellationToken cancellationToken) =>
        View(await http.SendAsync<WireGrant>(HttpMethod.Delete, $"/v1/grants/{grantId}", channel, Wallet, null, idempotencyKey, cancellationToken));

    public async Task<PaymentView> GetPaymentAsync(string channel, string authorizationId, CancellationToken cancellationToken) =>
        View(await http.SendAsync<WireAuthorization>(HttpMethod.Get, $"/v1/authorizations/{authorizationId}", channel, Wallet, null, null, cancellationToken));

    public async Task<LineView> GetLineAsync(string accountId, CancellationToken cancellationToken) =>
        View(await http.SendAsync<WireAccount>(HttpMethod.Get, $"/v1/accounts/{accountId}", issuerChannel, Issuer, null, null, cancellationToken));

    public async Task<PlanView> CreateInstallmentPlanAsync(string captureId, int periods, string idempotencyKey, CancellationToken cancellationToken)
    {
        var plan = await http.SendAsync<WirePlan>(HttpMethod.Post, $"/v1/captures/{captureId}/installments", issuerChannel, Issuer, new { periods }, idempotencyKey, cancellationToken);
        return new PlanView(plan.PlanId, plan.CaptureId, plan.Principal.Amount, plan.Periods, plan.FeeRatePerPeriod, plan.FeePerPeriod.Amount, plan.TotalFee.Amount, plan.Apr,
            [.. plan.Schedule.Select(period => new PlanPeriodView(period.Period, period.DueDate, period.Principal.Amount, period.Fee.Amount, period.Status))], plan.Status);
    }

    public async Task<DateTimeOffset> AdvanceClockAsync(string accountId, long advanceSeconds, string idempotencyKey, CancellationToken cancellationToken) =>
        (await http.SendAsync<WireClock>(HttpMethod.Post, $"/v1/sandbox/accounts/{accountId}/clock", issuerChannel, Issuer, new { advanceSeconds }, idempotencyKey, cancellationToken)).Now;

    public async Task<IReadOnlyList<StatementView>> ListStatementsAsync(string accountId, CancellationToken cancellationToken) =>
        [.. (await http.SendAsync<WireStatements>(HttpMethod.Get, $"/v1/accounts/{accountId}/statements", issuerChannel, Issuer, null, null, cancellationToken)).Statements.Select(View)];

    public async Task<RepaymentView> RepayAsync(string accountId, long amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        var repayment = await http.SendAsync<WireRepayment>(HttpMethod.Post, $"/v1/accounts/{accountId}/repayments", issuerChannel, Issuer, new { amount = Cny(amount) }, idempotencyKey, cancellationToken);
        var allocated = repayment.Allocated;
        return new RepaymentView(repayment.RepaymentId, repayment.Amount.Amount, allocated.LateFees.Amount, allocated.InstallmentFees.Amount, allocated.InstallmentPrincipal.Amount,
            allocated.StatementBalance.Amount, allocated.Unbilled.Amount);
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static object Cny(long amount) => new { amount, currency = "CNY" };

    private static LineView View(WireAccount account) =>
        new(account.AccountId, account.Status, account.CreditLimit.Amount, account.Available.Amount, account.Pending.Amount, account.Posted.Amount, account.OverLimit?.Amount ?? 0,
            account.BillingDay, account.InstallmentsOutstanding?.Amount ?? 0);

    private static StatementView View(WireStatement statement) =>
        new(statement.StatementId, statement.AccountId, statement.PeriodStart, statement.PeriodEnd, statement.DueDate, statement.PreviousBalance.Amount, statement.Purchases.Amount,
            statement.Refunds.Amount, statement.InstallmentsDue.Amount, statement.Fees.Amount, statement.Repayments.Amount, statement.Corrections?.Amount ?? 0,
            statement.NewBalance.Amount, statement.MinimumDue.Amount, statement.Paid.Amount, statement.Status);

    private static GrantView View(WireGrant grant) => new(grant.GrantId, grant.Channel, grant.Last4, grant.Status, grant.WalletToken is not null);

    private static PaymentView View(WireAuthorization authorization) =>
        new(authorization.AuthorizationId, authorization.Status, authorization.Decision == "approved", authorization.Reason,
            authorization.Amount.Amount, authorization.Captured.Amount, authorization.Reversed.Amount, authorization.AvailableCredit.Amount);
}
