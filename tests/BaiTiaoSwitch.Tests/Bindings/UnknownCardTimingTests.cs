using System.Diagnostics;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Xunit;
using Xunit.Abstractions;

namespace BaiTiaoSwitch.Tests.Bindings;

/// <summary>
/// Issue 6 §2: a refused binding says nothing about whether the card number exists, neither in its answer nor in the
/// time it takes. Timing is compared statistically, with a bound wide enough for a loaded 2-core machine.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UnknownCardTimingTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const int Lines = 10;

    /// <summary>Refusals per number: as many as the test silos allow before the card locks.</summary>
    private const int Probes = SwitchSiloConfigurator.BindingLockAt - 1;

    [Fact]
    public async Task Unknown_and_known_card_numbers_take_indistinguishable_time_to_refuse()
    {
        var wallet = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var known = new List<double>();
        var unknown = new List<double>();
        for (var line = 0; line < Lines; line++)
        {
            var opened = await BindingLine.Open(fixture.Cluster.GrainFactory);
            var probes = new[] { (opened.WrongHolder, known), (new BindingRequest(BindingLine.UnknownNumber(), opened.Holder), unknown) };

            // The first refusal warms both paths up, the others are timed, known and unknown interleaved and in turn
            // first, so drift in the machine's load hits both alike.
            for (var probe = 0; probe < Probes; probe++)
            {
                foreach (var (request, times) in (probe + line) % 2 == 0 ? probes : probes.Reverse())
                {
                    var elapsed = await Refusal(wallet, request);
                    if (probe > 0)
                    {
                        times.Add(elapsed);
                    }
                }
            }
        }

        // The probability that a known probe is slower than an unknown one (the area under the ROC curve): 0.5 when
        // the two cannot be told apart. The bound allows for a loaded machine; a path doing fewer calls sits near 1.
        var slower = known.Sum(k => unknown.Sum(u => k > u ? 1.0 : k == u ? 0.5 : 0.0)) / (known.Count * unknown.Count);
        output.WriteLine($"known median {Median(known):F2} ms, unknown median {Median(unknown):F2} ms, P(known slower) {slower:F3}");
        Assert.InRange(slower, 0.35, 0.65);
    }

    private static async Task<double> Refusal(BaiTiaoSwitch.Client.BaiTiaoSwitchClient wallet, BindingRequest request)
    {
        var clock = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<OperationRejectedException>(() => wallet.StartBindingAsync(request));
        clock.Stop();
        Assert.Equal(ErrorCodes.VerificationFailed, refused.Code);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
