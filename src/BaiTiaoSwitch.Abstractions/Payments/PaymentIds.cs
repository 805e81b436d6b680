namespace BaiTiaoSwitch.Payments;

/// <summary>
/// Payment object ids carry the key of the grant they were made through, so any id routes to its account without
/// a directory: <c>au_{grantKey}_{seq}</c>, <c>cp_{grantKey}_{seq}_{n}</c>, <c>rf_{grantKey}_{seq}_{n}_{m}</c>.
/// Grant ids are <c>gr_{grantKey}</c>.
/// </summary>
public static class PaymentIds
{
    public const string GrantPrefix = "gr_";

    public static string Authorization(string grantId, long sequence) => $"au_{GrantKey(grantId)}_{ToBase36(sequence)}";

    public static string Capture(string authorizationId, int number) => $"cp_{authorizationId[3..]}_{number}";

    public static string Refund(string captureId, int number) => $"rf_{captureId[3..]}_{number}";

    /// <summary>The grant id that an authorization, capture or refund id was made through; null if the id is not ours.</summary>
    public static string? GrantIdOf(string? paymentId)
    {
        if (!Ids.IsWellFormed(paymentId) || paymentId!.Length < 6 || paymentId[2] != '_')
        {
            return null;
        }

        var end = paymentId.IndexOf('_', 3);
        return end > 3 ? GrantPrefix + paymentId[3..end] : null;
    }

    /// <summary>The authorization id inside a capture id; null if it is not a capture id.</summary>
    public static string? AuthorizationIdOfCapture(string? captureId)
    {
        if (GrantIdOf(captureId) is null || !captureId!.StartsWith("cp_", StringComparison.Ordinal))
        {
            return null;
        }

        var last = captureId.LastIndexOf('_');
        return last > 3 ? "au_" + captureId[3..last] : null;
    }

    private static string GrantKey(string grantId) => grantId.StartsWith(GrantPrefix, StringComparison.Ordinal) ? grantId[GrantPrefix.Length..] : grantId;

    private static string ToBase36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> buffer = stackalloc char[13];
        var position = buffer.Length;
        do
        {
            buffer[--position] = digits[(int)(value % 36)];
            value /= 36;
        }
        while (value > 0);
        return new string(buffer[position..]);
    }
}
