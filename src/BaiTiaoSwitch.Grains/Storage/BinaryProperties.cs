using Azure.Data.Tables;

namespace BaiTiaoSwitch.Storage;

/// <summary>
/// Bytes kept in an Azure Table entity as binary properties <c>D0</c>, <c>D1</c>, … of at most 64 KiB each (Azure's
/// limit per property); an entity holds at most 1 MiB in all, which each store keeps its rows under.
/// </summary>
public static class BinaryProperties
{
    private const int PartBytesMax = 64 * 1024;

    public static TableEntity Put(TableEntity entity, ReadOnlySpan<byte> data)
    {
        for (var part = 0; part * PartBytesMax < data.Length || part == 0; part++)
        {
            entity["D" + part] = data.Slice(part * PartBytesMax, Math.Min(PartBytesMax, data.Length - (part * PartBytesMax))).ToArray();
        }

        return entity;
    }

    public static byte[] Get(TableEntity entity)
    {
        var parts = new List<byte[]>();
        for (var part = 0; entity.GetBinary("D" + part) is { } bytes; part++)
        {
            parts.Add(bytes);
        }

        return ByteParts.Join(parts);
    }
}
