namespace BaiTiaoSwitch.Accounts;

[GenerateSerializer, Immutable, Alias("bts.OpenAccountRequest")]
public sealed record OpenAccountRequest(
    [property: Id(0)] string AccountId,
    [property: Id(1)] Holder Holder,
    [property: Id(2)] Money CreditLimit,
    [property: Id(3)] int CreditScore)
{
    public override string ToString() => $"OpenAccountRequest({AccountId}, {CreditLimit})";
}
