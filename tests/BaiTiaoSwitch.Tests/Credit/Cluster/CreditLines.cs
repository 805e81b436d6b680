using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;

namespace BaiTiaoSwitch.Tests.Credit.Cluster;

/// <summary>What the credit cluster tests share: purchases on a scenario's line, and moving the switch's clock past a cut or a day.</summary>
public static class CreditLines
{
    /// <summary>The default terms' calendar (billing day 1, due 9 days later, China time): the test lines' own.</summary>
    public static readonly StatementPeriods Calendar = StatementPeriods.For(null, CreditTerms.Default);

    public static DateTimeOffset Now => SwitchSiloConfigurator.Clock.GetUtcNow();

    /// <summary>A purchase: a hold captured in full.</summary>
    public static async Task<Capture> Purchase(Scenario scenario, long amount)
    {
        var hold = await scenario.Pay("alipay", amount);
        return await scenario.Wallet("alipay").CaptureAsync(hold.AuthorizationId, Money.Fen(amount), final: true);
    }

    /// <summary>The cut date of the statement the purchases made now go on.</summary>
    public static DateOnly CurrentCut() => Calendar.CutDateOf(Now);

    /// <summary>Moves the switch's clock just past <paramref name="instant"/> (never back).</summary>
    public static void AdvancePast(DateTimeOffset instant)
    {
        var now = Now;
        if (instant >= now)
        {
            SwitchSiloConfigurator.Clock.Advance(instant - now + TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Moves the clock just past the cut of <paramref name="cutDate"/>: its statement is due to be cut.</summary>
    public static void AdvancePastCut(DateOnly cutDate) => AdvancePast(Calendar.CutInstant(cutDate));

    /// <summary>Moves the clock to the start (China time) of <paramref name="date"/>, plus a minute.</summary>
    public static void AdvanceTo(DateOnly date) => AdvancePast(Calendar.StartOf(date));
}
