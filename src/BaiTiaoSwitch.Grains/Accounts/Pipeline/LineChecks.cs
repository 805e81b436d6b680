namespace BaiTiaoSwitch.Accounts;

/// <summary>Checks every operation makes before its key is claimed in the channel's namespace. They write nothing.</summary>
public static class LineChecks
{
    public static void RequireOpened(AccountBook book)
    {
        if (!book.Header.IsOpened)
        {
            throw new NotFoundException("No such account.");
        }
    }

    public static Money RequireCurrency(AccountBook book, Money money, string field) =>
        !book.Header.IsOpened || money.Currency == book.Currency
            ? money
            : throw new InvalidRequestException(ErrorCodes.CurrencyNotSupported, $"'{field}.currency' must be the line's currency, {book.Currency}.");

    /// <summary>
    /// The grant must be one of this line's, and a wallet channel's own: a payment sent to the wrong line, or through
    /// another channel's grant, finds nothing (not_found, and nothing is recorded).
    /// </summary>
    public static void RequireOwnGrant(AccountBook book, Caller caller, string grantId)
    {
        if (book.Grants.Find(grantId) is not { } grant || (!caller.IsIssuer && grant.Channel != caller.Channel))
        {
            throw new NotFoundException("No such grant.");
        }
    }
}
