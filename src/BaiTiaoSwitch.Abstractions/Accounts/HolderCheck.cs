namespace BaiTiaoSwitch.Accounts;

/// <summary>The account's answer to a binding's holder check. It never says which element differs.</summary>
[GenerateSerializer, Immutable, Alias("bts.HolderCheck")]
public sealed record HolderCheck(
    [property: Id(0)] bool Opened,
    [property: Id(1)] bool HolderMatches,
    [property: Id(2)] AccountStatus Status,
    [property: Id(3)] int CreditScore);
