using System.Diagnostics;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Client;
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
    private const int Rounds = 40;

    [Fact]
    public async Task Unknown_and_known_card_numbers_take_indistinguishable_time_to_refuse()
    {
        var wallet = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var known = new List<double>();
        var unknown = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
            var stranger = (await BindingLine.Open(fixture.Cluster.GrainFactory)).Holder;
            var probes = new[] { (line.WrongHolder, known), (new BindingRequest(BindingLine.UnknownNumber(), stranger), unknown) };

            // The probe an attacker makes: a number nobody touched lately, so nothing of it is in memory. Known and
            // unknown in turn first, so drift in the machine's load hits both alike.
            await Activations.DeactivateAll(fixture.Cluster);
            foreach (var (request, times) in round % 2 == 0 ? probes : probes.Reverse())
            {
                times.Add(await Refusal(wallet, request));
            }
        }

        // The probability that a known probe is slower than an unknown one (the area under the ROC curve): 0.5 when
        // the two cannot be told apart, near 1 when the known path does work the unknown one skips (0.999 before the
        // decoys). The bound allows for a loaded machine.
        var slower = known.Sum(k => unknown.Sum(u => k > u ? 1.0 : k == u ? 0.5 : 0.0)) / (known.Count * unknown.Count);
        output.WriteLine($"known median {Median(known):F2} ms, unknown median {Median(unknown):F2} ms, P(known slower) {slower:F3}");
        Assert.InRange(slower, 0.25, 0.75);
    }

    private static async Task<double> Refusal(BaiTiaoSwitchClient wallet, BindingRequest request)
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
