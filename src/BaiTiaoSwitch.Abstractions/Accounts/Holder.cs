namespace BaiTiaoSwitch.Accounts;

/// <summary>The person behind a line, as the issuer knows them. Sensitive: never logged, encrypted at rest.</summary>
[GenerateSerializer, Immutable, Alias("bts.Holder")]
public sealed record Holder(
    [property: Id(0)] string Name,
    [property: Id(1)] string IdNumber,
    [property: Id(2)] string Phone)
{
    public Holder Validated()
    {
        Ids.RequireText(Name, "holder.name", 64);
        if (IdNumber is null || IdNumber.Trim().Length is < 6 or > 32 || !IdNumber.Trim().All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'holder.idNumber' must be 6 to 32 letters or digits.");
        }

        var digits = Phone?.Count(char.IsAsciiDigit) ?? 0;
        if (Phone is null || Phone.Length > 24 || digits is < 6 or > 20 || Phone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or ' ')))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'holder.phone' must be 6 to 20 digits, optionally with '+', '-' or spaces.");
        }

        return this;
    }

    // Records print their members; this one must never print them.
    public override string ToString() => "Holder(***)";
}
