using Orleans.Serialization;
using Orleans.Storage;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The snapshot store's serializer, which tells a line image its own serialized size as it writes or reads it. A line
/// paces its snapshots by that size (<see cref="AccountStore.SnapshotThreshold"/>); learning it from the one
/// serialization that stores the image spares a second serialization of the whole line just to measure it, which on a
/// line of many open holds was as costly as the write itself.
/// </summary>
/// <remarks>
/// It writes Orleans' binary format, byte for byte what Orleans' storage serializer writes and reads, into pooled
/// segments and copies them once into an array of the exact size. Orleans' own storage serializer writes into a buffer that starts at 256 B and
/// doubles, so a 9 MiB image allocated about 32 MiB (every doubling, on the large object heap) for 9 MiB kept; that was
/// a fifth of all a hot line allocated per authorization.
/// </remarks>
public sealed class SnapshotSizeSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input)
    {
        var bytes = serializer.SerializeToArray(input);
        if (input is AccountImage image)
        {
            image.SerializedBytes = bytes.Length;
        }

        return new BinaryData(bytes);
    }

    public T? Deserialize<T>(BinaryData input)
    {
        var value = serializer.Deserialize<T>(input.ToMemory());
        if (value is AccountImage image)
        {
            image.SerializedBytes = input.ToMemory().Length;
        }

        return value;
    }
}
