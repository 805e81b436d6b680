namespace BaiTiaoSwitch;

/// <summary>An issuer operation: an outside caller needs the issuer role (a wallet is refused as forbidden). The cluster itself may call it.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class IssuerOnlyAttribute : Attribute;
