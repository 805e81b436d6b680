using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk.CrossAccount;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;
using static BaiTiaoSwitch.Tests.Risk.Verdicts.Signals;

namespace BaiTiaoSwitch.Tests.Risk.Verdicts;

/// <summary>
/// The monitors on a real 3-silo cluster: payments made through the SDK become decision events on the stream, the
/// monitors learn them and every silo's cache shows them within the verdict lag.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveVerdictTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private readonly LiveVerdicts live = new(fixture.Cluster);

    /// <summary>
    /// The lag is measured on a warmed cluster (the first payments also activate the monitors, the feeds and the stream
    /// agents' caches, and are left out), over enough payments that one stall of a shared machine cannot move the median.
    /// </summary>
    [Fact]
    public async Task A_payment_reaches_every_silos_verdicts_within_the_lag_bound()
    {
        const int warmUp = 5;
        const int samples = 31;
        var payer = await live.FreshAccount();
        var merchant = LiveVerdicts.NewMerchant();
        var device = new PayerDevice("dev-" + Guid.NewGuid().ToString("N")[..10], "10.20.30.40");
        var lags = new List<TimeSpan>();
        for (var i = 0; i < warmUp + samples; i++)
        {
            var (_, lag) = await live.PayAndObserve(payer, 100, merchant, device, SignalSubjects.Device(device.Id!));
            if (i >= warmUp)
            {
                lags.Add(lag);
            }
        }

        lags.Sort();
        var median = lags[samples / 2];
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        var figures = $"verdict lag over {samples} payments after {warmUp} to warm up (SDK answer to every silo's cache): min {lags[0].TotalMilliseconds:F0} ms, " +
            $"median {median.TotalMilliseconds:F0} ms, p90 {lags[samples * 9 / 10].TotalMilliseconds:F0} ms, max {lags[^1].TotalMilliseconds:F0} ms; load average {load}";
        output.WriteLine(figures);
        Assert.True(median <= live.LagBound, $"The median verdict lag is above the bound of {live.LagBound.TotalMilliseconds} ms: {figures}.");

        // The merchant's and the IP's monitors are grains of their own: they learn the same decisions, once each.
        await live.AllShow(SignalSubjects.Merchant(merchant.Id), warmUp + samples);
        await live.AllShow(SignalSubjects.Ip(device.Ip!), warmUp + samples);
        Assert.All(live.CountsOf(SignalSubjects.Merchant(merchant.Id)), count => Assert.Equal(warmUp + samples, count));
        Assert.All(live.CountsOf(SignalSubjects.Ip(device.Ip!)), count => Assert.Equal(warmUp + samples, count));
    }

    [Fact]
    public async Task Payments_paced_slower_than_the_lag_are_counted_exactly()
    {
        const int accounts = 6;
        var device = new PayerDevice("dev-" + Guid.NewGuid().ToString("N")[..10], null);
        var merchant = LiveVerdicts.NewMerchant();
        var reuse = DeviceReuse(accountsMax: 3);
        var velocity = DeviceVelocity(countMax: 4);
        for (var i = 0; i < accounts; i++)
        {
            var payer = await live.FreshAccount();
            Assert.All(live.Evaluate(reuse, payer, 100, merchant.Id, device), finding => Assert.Equal(i >= 3, finding.Fires));
            Assert.All(live.Evaluate(velocity, payer, 100, merchant.Id, device), finding => Assert.Equal(i >= 4, finding.Fires));

            // Paced by the verdict itself: the next payment comes once every silo shows this one.
            await live.PayAndObserve(payer, 100, merchant, device, SignalSubjects.Device(device.Id!));
            Assert.All(live.CountsOf(SignalSubjects.Device(device.Id!)), count => Assert.Equal(i + 1, count));
        }
    }

    [Fact]
    public async Task A_decision_the_stream_delivers_twice_is_counted_once()
    {
        var publisher = live.Silos[0].GetRequiredService<IEventPublisher>();
        var accountId = "acct-dup-" + Guid.NewGuid().ToString("N")[..10];
        var merchant = LiveVerdicts.NewMerchant();
        SwitchEvent Decided(int version) => new(SwitchEvent.IdOf(accountId, version, 0), accountId, LiveVerdicts.Now, new DecisionEvent(
            $"auth-{accountId}-{version}", "grant-1", "card-1", "alipay", Money.Fen(100), merchant, null, Decision.Approved, null, [], LiveVerdicts.Now), null);

        await publisher.Publish(accountId, [Decided(1)]);
        await publisher.Publish(accountId, [Decided(1), Decided(2)]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var subject = SignalSubjects.Merchant(merchant.Id);
        await Task.WhenAll(live.Silos.Select(silo => silo.GetRequiredService<VerdictCache>()
            .Reflects(subject, window => window.Entries.Any(entry => entry.AuthorizationId == $"auth-{accountId}-2"), timeout.Token)));

        Assert.All(live.CountsOf(subject), count => Assert.Equal(2, count));
    }
}
