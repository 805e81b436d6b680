using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Bindings;

/// <summary>A wallet's request to bind a card: the four elements the holder proves (card number, name, identity number, phone).</summary>
[GenerateSerializer, Immutable, Alias("bts.BindingRequest")]
public sealed record BindingRequest(
    [property: Id(0)] string CardNumber,
    [property: Id(1)] Holder Holder)
{
    // Records print their members; this one must never print them.
    public override string ToString() => "BindingRequest(***)";

    /// <summary>Checks shapes only (never echoing a value). Whether the elements match is the binding grain's business.</summary>
    public BindingRequest Validated()
    {
        if (CardNumber is not { Length: >= 12 and <= 19 } || !CardNumber.All(char.IsAsciiDigit))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'cardNumber' must be 12 to 19 digits.");
        }

        if (Holder is null)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'holder' is required: {name, idNumber, phone}.");
        }

        Ids.RequireText(Holder.Name, "holder.name");
        Ids.RequireText(Holder.IdNumber, "holder.idNumber", 32);
        Ids.RequireText(Holder.Phone, "holder.phone", 32);
        return this;
    }
}
