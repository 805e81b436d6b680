using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.HttpEdge.Idempotency;

/// <summary>The stored answer to one (channel, key). The body is encrypted: it may hold a card number or a wallet token.</summary>
[GenerateSerializer, Alias("bts.HttpIdempotencyState")]
public sealed class HttpIdempotencyState
{
    [Id(0)]
    public string? Fingerprint { get; set; }

    [Id(1)]
    public int Status { get; set; }

    [Id(2)]
    public string ContentType { get; set; } = "";

    [Id(3)]
    public ProtectedValue? Body { get; set; }

    [Id(4)]
    public DateTimeOffset CreatedAt { get; set; }
}
