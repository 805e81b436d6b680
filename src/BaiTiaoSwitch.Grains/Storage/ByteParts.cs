namespace BaiTiaoSwitch.Storage;

/// <summary>Joins byte arrays written or read in parts (table properties of 64 KiB, frames of a blob) into one.</summary>
public static class ByteParts
{
    public static byte[] Join(IReadOnlyList<byte[]> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var joined = new byte[parts.Sum(bytes => bytes.Length)];
        var offset = 0;
        foreach (var bytes in parts)
        {
            bytes.CopyTo(joined, offset);
            offset += bytes.Length;
        }

        return joined;
    }
}
