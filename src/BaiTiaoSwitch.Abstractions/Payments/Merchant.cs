namespace BaiTiaoSwitch.Payments;

/// <summary>The merchant of a payment. <c>Mcc</c> is the 4-digit ISO 18245 category; <c>Country</c> is ISO 3166 alpha-2 or alpha-3.</summary>
[GenerateSerializer, Immutable, Alias("bts.Merchant")]
public sealed record Merchant(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Mcc,
    [property: Id(3)] string Country)
{
    public Merchant Validated()
    {
        Ids.Require(Id, "merchant.id");
        Ids.RequireText(Name, "merchant.name");
        if (Mcc is not { Length: 4 } || !Mcc.All(char.IsAsciiDigit))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'merchant.mcc' must be 4 digits.");
        }

        if (Country is not { Length: 2 or 3 } || !Country.All(char.IsAsciiLetterUpper))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'merchant.country' must be an ISO 3166 code of 2 or 3 capital letters.");
        }

        return this;
    }
}
