using System.Globalization;
using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// The engine's state on a line: a ring of the last <c>RecentPaymentsMax</c> approvals (velocity, wallet_fanout) and
/// the <see cref="RiskProfile"/> (amount sketch, countries). Changed only by <see cref="Record"/>, synchronously, on an
/// approval; kept in the line's journal and snapshots like every other part of its state, so it survives reloads.
/// </summary>
public static class RiskMemory
{
    public static IEnumerable<RecentPayment> Recent(AccountBook book) => book.RecentPayments.Values.Values;

    public static void Record(AccountBook book, RiskInput input, RiskOptions options)
    {
        var profile = book.Risk;
        book.RecentPayments.Set(SlotKey(SlotOf(profile, options)), PaymentOf(input));
        if (book.RecentPayments.Count > options.RecentPaymentsMax)
        {
            // The ring was made larger before; what lies beyond the bound now goes.
            foreach (var key in book.RecentPayments.Values.Keys.Where(key => int.Parse(key, CultureInfo.InvariantCulture) >= options.RecentPaymentsMax).ToList())
            {
                book.RecentPayments.Remove(key);
            }
        }

        book.SetRisk(Next(profile, input, options));
    }

    /// <summary>The ring slot the next approval takes (the oldest one once the ring is full).</summary>
    public static int SlotOf(RiskProfile profile, RiskOptions options) => (int)(profile.Recorded % options.RecentPaymentsMax);

    public static RecentPayment PaymentOf(RiskInput input) => new(input.At, input.GrantId, input.CardId, input.Channel, input.Amount);

    /// <summary>The profile after one more approval: counted, its amount in the sketch, its country remembered.</summary>
    public static RiskProfile Next(RiskProfile profile, RiskInput input, RiskOptions options)
    {
        var country = input.Merchant.Country;
        var countries = profile.Countries.Contains(country, StringComparer.Ordinal) ? profile.Countries
            : profile.Countries.Length < options.CountriesMax ? [.. profile.Countries, country]
            : [.. profile.Countries.Skip(profile.Countries.Length - options.CountriesMax + 1), country];
        return new RiskProfile(checked(profile.Recorded + 1), profile.Amounts.Add(input.Amount, options.AmountSketchWeightMax), countries);
    }

    private static string SlotKey(int slot) => slot.ToString(CultureInfo.InvariantCulture);
}
