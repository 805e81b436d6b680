namespace BaiTiaoSwitch.Payments;

/// <summary>Authorize through a grant, named by its id or by its wallet token (exactly one of the two).</summary>
[GenerateSerializer, Immutable, Alias("bts.AuthorizeRequest")]
public sealed record AuthorizeRequest(
    [property: Id(0)] string? GrantId,
    [property: Id(1)] string? WalletToken,
    [property: Id(2)] Money Amount,
    [property: Id(3)] Merchant Merchant,
    [property: Id(4)] PayerDevice? Device = null)
{
    public override string ToString() => $"AuthorizeRequest({GrantId ?? "token"}, {Amount})";
}

/// <summary>What the account grain decides on: the route is already resolved.</summary>
[GenerateSerializer, Immutable, Alias("bts.AuthorizeCommand")]
public sealed record AuthorizeCommand(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string CardId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] Merchant Merchant,
    [property: Id(4)] PayerDevice? Device = null);
