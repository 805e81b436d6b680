using BaiTiaoSwitch.Cli.Drivers;

namespace BaiTiaoSwitch.Cli.Demo;

/// <summary>
/// The burst of step 3: payments alternating between the wallets, of amounts from 1/250 to 1/17 of the limit,
/// until they ask for 1.6 times the limit. So the line is used up and some payments must be declined.
/// </summary>
public static class PaymentPlan
{
    public const double Oversubscription = 1.6;

    public static IReadOnlyList<PlannedPayment> Create(long limit, IReadOnlyList<string> channels, Random random)
    {
        var smallest = Math.Max(1, limit / 250);
        var largest = Math.Max(smallest + 1, limit / 17);
        var payments = new List<PlannedPayment>();
        long requested = 0;
        while (requested < limit * Oversubscription)
        {
            var amount = random.NextInt64(smallest, largest + 1);
            var merchant = DemoMerchant.All[random.Next(DemoMerchant.All.Count)];
            payments.Add(new PlannedPayment(payments.Count + 1, channels[payments.Count % channels.Count], merchant, amount));
            requested += amount;
        }

        return payments;
    }
}
