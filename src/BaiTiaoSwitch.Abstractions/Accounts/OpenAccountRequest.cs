namespace BaiTiaoSwitch.Accounts;

/// <summary><c>BillingDay</c>: the day of the month (1–28) statements are cut; null takes the credit terms' default.</summary>
[GenerateSerializer, Immutable, Alias("bts.OpenAccountRequest")]
public sealed record OpenAccountRequest(
    [property: Id(0)] string AccountId,
    [property: Id(1)] Holder Holder,
    [property: Id(2)] Money CreditLimit,
    [property: Id(3)] int CreditScore,
    [property: Id(4)] int? BillingDay = null)
{
    public override string ToString() => $"OpenAccountRequest({AccountId}, {CreditLimit})";
}
