using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Clustering.AzureStorage;

namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>
/// Reaches the switch as a .NET wallet gateway does: an Orleans client in the cluster, through
/// <see cref="BaiTiaoSwitchClient"/>, proving each caller with its cluster key from the channels file. The issuer
/// makes the grants directly (no holder verification: an issuer operation). The local run is plaintext: the demo
/// connects as a Development client, for the local switch only.
/// </summary>
public sealed class SdkDriver(SdkDriverSettings settings, DevelopmentChannels channels) : ISwitchDriver
{
    private IHost? host;
    private BaiTiaoSwitchClient? issuer;

    public string Description =>
        $".NET client SDK, joined as an Orleans client to cluster '{settings.ClusterId}' (service '{settings.ServiceId}'), membership in {settings.StorageDescription}, caller keys from {channels.Path}";

    public string BindingDescription => "grants made by the issuer through the SDK (no holder verification)";

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        var issuerCredential = channels.Credential(settings.IssuerChannel, ChannelRole.Issuer);
        builder.Logging.ClearProviders();
        if (settings.Verbose)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Information);
        }

        builder.Services.AddBaiTiaoSwitchClient(options => options.Configure(client =>
        {
            client.Channel = issuerCredential.Channel;
            client.Role = ChannelRole.Issuer;
            client.Key = issuerCredential.Key;
            client.StorageConnectionString = settings.StorageConnectionString;
            client.ClusterId = settings.ClusterId;
            client.ServiceId = settings.ServiceId;
        }));

        // The silos keep membership in the table "{Storage:NamePrefix}cluster"; the SDK does not set a table name
        // (it reads Orleans' default), so the demo names it until the SDK has a setting for it.
        builder.Services.PostConfigure<AzureStorageGatewayOptions>(gateway => gateway.TableName = settings.MembershipTableName);
        host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).WaitAsync(settings.ConnectTimeout, cancellationToken);
        }
        catch (OptionsValidationException exception)
        {
            throw new SwitchStepException("invalid_settings", "The client settings are not valid: " + string.Join(" ", exception.Failures));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new SwitchStepException(
                "cluster_unreachable",
                $"Could not join cluster '{settings.ClusterId}' (service '{settings.ServiceId}') within {settings.ConnectTimeout.TotalSeconds:0} s: " +
                $"{Describe(exception)}. Is the switch running? Start it with deploy/local/run.sh, and check that --cluster-id, " +
                "--service-id and --storage match the silos'. Add --verbose to see the client's log.",
                exception);
        }

        issuer = host.Services.GetRequiredService<BaiTiaoSwitchClient>();
    }

    public Task<LineView> OpenLineAsync(string accountId, DemoHolder holder, long limit, CancellationToken cancellationToken) =>
        Call(async () => View(await Issuer.OpenAccountAsync(
            new OpenAccountRequest(accountId, new Holder(holder.Name, holder.IdNumber, holder.Phone), Money.Fen(limit), CreditScore: 720),
            cancellationToken: cancellationToken)));

    public Task<CardView> IssueCardAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            var issued = await Issuer.IssueCardAsync(accountId, RequestOptions.WithKey(idempotencyKey), cancellationToken);
            return new CardView(issued.Card.CardId, issued.Card.Last4, issued.Card.Expiry, Snake(issued.Card.Status), issued.CardNumber);
        });

    public Task<GrantView> BindAsync(CardView card, DemoHolder holder, string channel, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () => View(await Issuer.CreateGrantAsync(card.CardId, new GrantRequest(channel), RequestOptions.WithKey(idempotencyKey), cancellationToken)));

    public Task<PaymentView> AuthorizeAsync(string channel, string grantId, long amount, DemoMerchant merchant, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () => View(await Wallet(channel).AuthorizeAsync(
            new AuthorizeRequest(grantId, null, Money.Fen(amount), new Merchant(merchant.Id, merchant.Name, merchant.Mcc, merchant.Country)),
            RequestOptions.WithKey(idempotencyKey),
            cancellationToken)));

    public Task<CaptureView> CaptureAsync(string channel, string authorizationId, long amount, bool final, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            var capture = await Wallet(channel).CaptureAsync(authorizationId, Money.Fen(amount), final, RequestOptions.WithKey(idempotencyKey), cancellationToken);
            return new CaptureView(capture.CaptureId, capture.AuthorizationId, capture.Amount.Amount, capture.OverLimit);
        });

    public Task<PaymentView> ReverseAsync(string channel, string authorizationId, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () => View(await Wallet(channel).ReverseAsync(authorizationId, null, RequestOptions.WithKey(idempotencyKey), cancellationToken)));

    public Task<RefundView> RefundAsync(string channel, string captureId, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            var refund = await Wallet(channel).RefundAsync(captureId, Money.Fen(amount), RequestOptions.WithKey(idempotencyKey), cancellationToken);
            return new RefundView(refund.RefundId, refund.CaptureId, refund.Amount.Amount);
        });

    public Task<GrantView> RevokeAsync(string channel, string grantId, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () => View(await Wallet(channel).RevokeGrantAsync(grantId, RequestOptions.WithKey(idempotencyKey), cancellationToken)));

    public Task<PaymentView> GetPaymentAsync(string channel, string authorizationId, CancellationToken cancellationToken) =>
        Call(async () => View(await Wallet(channel).GetAuthorizationAsync(authorizationId, cancellationToken)));

    public Task<LineView> GetLineAsync(string accountId, CancellationToken cancellationToken) =>
        Call(async () => View(await Issuer.GetAccountAsync(accountId, cancellationToken)));

    public Task<PlanView> CreateInstallmentPlanAsync(string captureId, int periods, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () => View(await Issuer.CreateInstallmentPlanAsync(captureId, periods, RequestOptions.WithKey(idempotencyKey), cancellationToken)));

    public Task<DateTimeOffset> AdvanceClockAsync(string accountId, long advanceSeconds, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () => (await Issuer.AdvanceSandboxClockAsync(accountId, advanceSeconds, RequestOptions.WithKey(idempotencyKey), cancellationToken)).Now);

    public Task<IReadOnlyList<StatementView>> ListStatementsAsync(string accountId, CancellationToken cancellationToken) =>
        Call(async () => (IReadOnlyList<StatementView>)[.. (await Issuer.ListStatementsAsync(accountId, cancellationToken)).Select(View)]);

    public Task<RepaymentView> RepayAsync(string accountId, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            var repayment = await Issuer.RepayAsync(accountId, Money.Fen(amount), RequestOptions.WithKey(idempotencyKey), cancellationToken);
            var allocated = repayment.Allocated;
            return new RepaymentView(repayment.RepaymentId, repayment.Amount.Amount, allocated.LateFees, allocated.InstallmentFees, allocated.InstallmentPrincipal, allocated.StatementBalance, allocated.Unbilled);
        });

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Leaving the cluster is best effort; the silos notice a vanished client on their own.
            }

            host.Dispose();
        }
    }

    private BaiTiaoSwitchClient Issuer => issuer ?? throw new InvalidOperationException("Connect first.");

    private BaiTiaoSwitchClient Wallet(string channel) => Issuer.As(channels.Credential(channel, ChannelRole.Wallet));

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (SwitchException exception)
        {
            throw new SwitchStepException(exception.Code, exception.Message, exception);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            throw new SwitchStepException("cluster_error", Describe(exception), exception);
        }
    }

    private static string Describe(Exception exception) =>
        exception is TimeoutException ? "timed out" : $"{exception.GetType().Name}: {exception.GetBaseException().Message}";

    private static LineView View(AccountSnapshot account) =>
        new(account.AccountId, Snake(account.Status), account.CreditLimit.Amount, account.Available.Amount, account.Pending.Amount, account.Posted.Amount, account.OverLimit.Amount,
            account.BillingDay, account.InstallmentsOutstanding.Amount);

    private static PlanView View(InstallmentPlan plan) =>
        new(plan.PlanId, plan.CaptureId, plan.Principal, plan.Periods, plan.FeeRatePerPeriod.ToFractionString(4), plan.FeePerPeriod, plan.TotalFee, plan.Apr,
            [.. plan.Schedule.Select(period => new PlanPeriodView(period.Period, period.DueDate, period.Principal, period.Fee, Snake(period.Status)))], Snake(plan.Status));

    private static StatementView View(Statement statement) =>
        new(statement.StatementId, statement.AccountId, statement.PeriodStart, statement.PeriodEnd, statement.DueDate, statement.PreviousBalance, statement.Purchases,
            statement.Refunds, statement.InstallmentsDue, statement.Fees, statement.Repayments, statement.Corrections, statement.NewBalance, statement.MinimumDue,
            statement.Paid, Snake(statement.Status));

    private static GrantView View(Grant grant) => new(grant.GrantId, grant.Channel, grant.Last4, Snake(grant.Status), grant.WalletToken is not null);

    private static PaymentView View(Authorization authorization) =>
        new(authorization.AuthorizationId, Snake(authorization.Status), authorization.IsApproved, authorization.Reason is { } reason ? Snake(reason) : null,
            authorization.Amount.Amount, authorization.Captured.Amount, authorization.Reversed.Amount, authorization.AvailableCredit.Amount);

    /// <summary>The API's spelling of an enum member: <c>InsufficientCredit</c> → <c>insufficient_credit</c>.</summary>
    internal static string Snake<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
