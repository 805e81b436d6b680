using Orleans.Storage;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The snapshot store's serializer, which tells a line image its own serialized size as it writes or reads it. A line
/// paces its snapshots by that size (<see cref="AccountStore.SnapshotThreshold"/>); learning it from the one
/// serialization that stores the image spares a second serialization of the whole line just to measure it, which on a
/// line of many open holds was as costly as the write itself.
/// </summary>
public sealed class SnapshotSizeSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input)
    {
        var data = inner.Serialize(input);
        if (input is AccountImage image)
        {
            image.SerializedBytes = data.ToMemory().Length;
        }

        return data;
    }

    public T? Deserialize<T>(BinaryData input)
    {
        var value = inner.Deserialize<T>(input);
        if (value is AccountImage image)
        {
            image.SerializedBytes = input.ToMemory().Length;
        }

        return value;
    }
}
