namespace BaiTiaoSwitch;

/// <summary>Shape rules for ids, keys and free text on the wire.</summary>
public static class Ids
{
    public const int IdLengthMax = 64;
    public const int TextLengthMax = 128;

    public static bool IsWellFormed(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > IdLengthMax)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the id, or throws <c>invalid_id</c> naming the field (never echoing the value).</summary>
    public static string Require(string? id, string field) =>
        IsWellFormed(id) ? id! : throw new InvalidRequestException(ErrorCodes.InvalidId, $"'{field}' must be 1 to {IdLengthMax} characters of [A-Za-z0-9_-].");

    /// <summary>Returns trimmed text bounded to <paramref name="lengthMax"/>, or throws <c>invalid_request</c>.</summary>
    public static string RequireText(string? text, string field, int lengthMax = TextLengthMax)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > lengthMax || text.Any(char.IsControl))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'{field}' must be 1 to {lengthMax} printable characters.");
        }

        return text.Trim();
    }
}
