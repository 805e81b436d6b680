namespace BaiTiaoSwitch.Security;

/// <summary>A value encrypted with AES-GCM under the key named by <see cref="KeyId"/>; nonce and tag travel with it.</summary>
[GenerateSerializer, Immutable, Alias("bts.ProtectedValue")]
public sealed record ProtectedValue(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] Nonce,
    [property: Id(2)] byte[] Ciphertext,
    [property: Id(3)] byte[] Tag)
{
    public override string ToString() => $"ProtectedValue({KeyId})";
}
