using System.Security.Cryptography;
using System.Text;

namespace BaiTiaoSwitch;

/// <summary>
/// Ids of created objects are derived from (channel, parent, idempotency key). Creating "again" with the same key
/// therefore lands on the same grain, which makes creation idempotent without a separate key table.
/// </summary>
public static class DerivedIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Card(string channel, string accountId, string idempotencyKey) => "cd_" + Digest("card", channel, accountId, idempotencyKey);

    public static string Grant(string channel, string cardId, string idempotencyKey) => "gr_" + Digest("grant", channel, cardId, idempotencyKey);

    private static string Digest(params string[] parts)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)), hash);
        Span<char> chars = stackalloc char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Base62[hash[i] % 62];
        }

        return new string(chars);
    }
}
