using System.Diagnostics;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Risk.CrossAccount;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Risk.Verdicts;

/// <summary>The verdicts of every silo of a test cluster, and payments made through the SDK that feed them.</summary>
internal sealed class LiveVerdicts(TestCluster cluster)
{
    private static readonly TimeSpan ObserveTimeout = TimeSpan.FromSeconds(30);

    public IReadOnlyList<IServiceProvider> Silos => [.. cluster.GetActiveSilos().Select(silo => ((InProcessSiloHandle)silo).SiloHost.Services)];

    public TimeSpan LagBound => Silos[0].GetRequiredService<Microsoft.Extensions.Options.IOptions<VerdictOptions>>().Value.LagBound;

    public static DateTimeOffset Now => SwitchSiloConfigurator.Clock.GetUtcNow();

    /// <summary>A fresh account (opened now by the switch's clock, which only tests move) with one alipay grant.</summary>
    public async Task<Payer> FreshAccount()
    {
        var openedAt = Now;
        return new Payer(await Scenario.Create(cluster.GrainFactory, 1_000_000, "alipay"), openedAt);
    }

    /// <summary>What every silo's verdicts answer for <paramref name="rule"/>: they must all agree.</summary>
    public IReadOnlyList<CrossAccountFinding> Evaluate(RiskRule rule, Payer payer, long amount, string merchantId, PayerDevice? device) =>
        [.. Silos.Select(silo => silo.GetRequiredService<ICrossAccountVerdicts>()
            .Evaluate(rule, new RiskInput(payer.Scenario.AccountId, payer.Scenario.Grants["alipay"].GrantId, "card", "alipay", amount,
                new Merchant(merchantId, "Promo Shop", "5411", "CN"), device, Now, payer.OpenedAt)))];

    /// <summary>Pays through the SDK, then waits until every silo's cache shows it under <paramref name="subject"/>; returns that lag.</summary>
    public async Task<(Authorization Payment, TimeSpan Lag)> PayAndObserve(Payer payer, long amount, Merchant merchant, PayerDevice? device, string subject)
    {
        var payment = await payer.Scenario.Wallet("alipay").AuthorizeAsync(new AuthorizeRequest(payer.Scenario.Grants["alipay"].GrantId, null, Money.Fen(amount), merchant, device));
        var answered = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(ObserveTimeout);
        await Task.WhenAll(Silos.Select(silo => silo.GetRequiredService<VerdictCache>()
            .Reflects(subject, window => window.Entries.Any(entry => entry.AuthorizationId == payment.AuthorizationId), timeout.Token)));
        return (payment, answered.Elapsed);
    }

    /// <summary>Waits until every silo's cache holds <paramref name="count"/> decisions of <paramref name="subject"/> (each subject has its own monitor).</summary>
    public async Task AllShow(string subject, int count)
    {
        using var timeout = new CancellationTokenSource(ObserveTimeout);
        await Task.WhenAll(Silos.Select(silo => silo.GetRequiredService<VerdictCache>().Reflects(subject, window => window.Entries.Count >= count, timeout.Token)));
    }

    public IReadOnlyList<int> CountsOf(string subject) =>
        [.. Silos.Select(silo => silo.GetRequiredService<VerdictCache>().Window(subject)?.Entries.Count ?? 0)];

    public static Merchant NewMerchant() => new("m-" + Guid.NewGuid().ToString("N")[..10], "Promo Shop", "5411", "CN");
}

internal sealed record Payer(Scenario Scenario, DateTimeOffset OpenedAt);
