using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;

namespace BaiTiaoSwitch.Tests.CommitLog;

/// <summary>A line paces its snapshots by their size; the snapshot store's serializer gives it from the write itself.</summary>
public sealed class SnapshotSizeTests
{
    private static readonly Serializer Serializer = SwitchSerializer.Instance;

    [Fact]
    public void An_image_written_or_read_through_the_snapshot_serializer_knows_its_exact_stored_size()
    {
        var serializer = new SnapshotSizeSerializer(Serializer);
        var book = new AccountBook("acct-size", new SwitchOptions());
        var image = book.ToImage();
        image.Version = 42;

        var stored = serializer.Serialize(image);
        var read = serializer.Deserialize<AccountImage>(stored)!;

        Assert.Equal(stored.ToMemory().Length, image.SerializedBytes);
        Assert.Equal(stored.ToMemory().Length, read.SerializedBytes);
        Assert.Equal(42, read.Version);
        Assert.Equal(42L, serializer.Deserialize<long>(serializer.Serialize(42L)));
    }

    [Fact]
    public void It_writes_the_same_bytes_as_Orleans_storage_serializer_so_snapshots_stored_before_and_after_read_alike()
    {
        var orleans = new OrleansGrainStorageSerializer(Serializer);
        var sized = new SnapshotSizeSerializer(Serializer);
        var image = new AccountBook("acct-format", new SwitchOptions()).ToImage();
        image.Version = 7;
        image.RemovedAuthorizations = [.. Enumerable.Range(0, 5_000).Select(n => $"auth-{n}")];

        // Orleans' first: ours then tells the image its size, which is itself a field of the image.
        var theirs = orleans.Serialize(image).ToArray();
        var ours = sized.Serialize(image).ToArray();

        Assert.Equal(theirs, ours);
        Assert.Equal(image.RemovedAuthorizations, orleans.Deserialize<AccountImage>(new BinaryData(ours))!.RemovedAuthorizations);
    }
}
