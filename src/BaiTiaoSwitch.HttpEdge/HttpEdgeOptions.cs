namespace BaiTiaoSwitch.HttpEdge;

/// <summary>Settings of the HTTP edge's records in the cluster (configuration section <c>BaiTiaoSwitch:HttpEdge</c>).</summary>
public sealed class HttpEdgeOptions
{
    /// <summary>How long an HTTP answer is kept for replay under its Idempotency-Key (at least 24 h).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How long a running request holds its key before another request with that key may take it over.</summary>
    public TimeSpan IdempotencyClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
