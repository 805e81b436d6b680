namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>
/// One way of reaching the switch: the .NET client SDK (an Orleans client in the cluster) or the signed HTTP API.
/// The demo tells the same story through either. Amounts are in fen.
/// </summary>
public interface ISwitchDriver : IAsyncDisposable
{
    /// <summary>One line that says how the switch is reached, for the demo's header. Never holds a secret.</summary>
    string Description { get; }

    /// <summary>How a card gets bound to a wallet through this driver, in a few words.</summary>
    string BindingDescription { get; }

    /// <summary>Connects, or throws <see cref="SwitchStepException"/> saying what to start first.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    Task<LineView> OpenLineAsync(string accountId, DemoHolder holder, long limit, CancellationToken cancellationToken);

    Task<CardView> IssueCardAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken);

    Task<GrantView> BindAsync(CardView card, DemoHolder holder, string channel, string idempotencyKey, CancellationToken cancellationToken);

    Task<PaymentView> AuthorizeAsync(string channel, string grantId, long amount, DemoMerchant merchant, string idempotencyKey, CancellationToken cancellationToken);

    Task<CaptureView> CaptureAsync(string channel, string authorizationId, long amount, bool final, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Reverses all that remains of the hold.</summary>
    Task<PaymentView> ReverseAsync(string channel, string authorizationId, string idempotencyKey, CancellationToken cancellationToken);

    Task<RefundView> RefundAsync(string channel, string captureId, long amount, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The wallet unbinds: its grant is revoked.</summary>
    Task<GrantView> RevokeAsync(string channel, string grantId, string idempotencyKey, CancellationToken cancellationToken);

    Task<PaymentView> GetPaymentAsync(string channel, string authorizationId, CancellationToken cancellationToken);

    Task<LineView> GetLineAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The issuer turns a capture into an installment plan.</summary>
    Task<PlanView> CreateInstallmentPlanAsync(string captureId, int periods, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Sandbox only: moves the account's clock forward; returns its now.</summary>
    Task<DateTimeOffset> AdvanceClockAsync(string accountId, long advanceSeconds, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The account's statements, newest first.</summary>
    Task<IReadOnlyList<StatementView>> ListStatementsAsync(string accountId, CancellationToken cancellationToken);

    Task<RepaymentView> RepayAsync(string accountId, long amount, string idempotencyKey, CancellationToken cancellationToken);
}
