namespace BaiTiaoSwitch.Risk;

/// <summary>The wire names (snake_case) of the risk enums, as API.md spells them, both ways.</summary>
public static class RiskNames
{
    public static string Of(RiskRuleKind kind) => kind switch
    {
        RiskRuleKind.Velocity => "velocity",
        RiskRuleKind.AmountSpike => "amount_spike",
        RiskRuleKind.NewCountry => "new_country",
        RiskRuleKind.WalletFanout => "wallet_fanout",
        RiskRuleKind.DeviceReuse => "device_reuse",
        RiskRuleKind.PromoAbuse => "promo_abuse",
        _ => kind.ToString(),
    };

    public static string Of(RiskMode mode) => mode switch
    {
        RiskMode.Enforce => "enforce",
        RiskMode.Shadow => "shadow",
        RiskMode.Off => "off",
        _ => mode.ToString(),
    };

    public static string Of(RiskAction action) => action switch
    {
        RiskAction.None => "none",
        RiskAction.SuspendGrant => "suspend_grant",
        RiskAction.FreezeCard => "freeze_card",
        RiskAction.FreezeAccount => "freeze_account",
        _ => action.ToString(),
    };

    public static string Of(VelocityScope scope) => scope.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out RiskRuleKind kind) => TryParse(name, Enum.GetValues<RiskRuleKind>(), Of, out kind);

    public static bool TryParse(string? name, out RiskMode mode) => TryParse(name, Enum.GetValues<RiskMode>(), Of, out mode);

    public static bool TryParse(string? name, out RiskAction action) => TryParse(name, Enum.GetValues<RiskAction>(), Of, out action);

    public static bool TryParse(string? name, out VelocityScope scope) => TryParse(name, Enum.GetValues<VelocityScope>(), Of, out scope);

    private static bool TryParse<T>(string? name, T[] values, Func<T, string> nameOf, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in values)
        {
            if (string.Equals(nameOf(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
