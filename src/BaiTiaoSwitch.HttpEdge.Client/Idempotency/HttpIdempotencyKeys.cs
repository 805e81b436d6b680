namespace BaiTiaoSwitch.HttpEdge.Idempotency;

/// <summary>Where a channel's recorded answer lives: one grain per (channel, Idempotency-Key).</summary>
public static class HttpIdempotencyKeys
{
    public static string For(string channel, string idempotencyKey) => channel + "/" + idempotencyKey;
}
