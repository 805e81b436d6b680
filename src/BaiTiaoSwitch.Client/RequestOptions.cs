namespace BaiTiaoSwitch.Client;

/// <summary>Per-call options. Every mutating call sends an idempotency key; one is generated when none is given.</summary>
public sealed record RequestOptions
{
    /// <summary>The caller's request id (1–64 of [A-Za-z0-9_-]). Reuse it to retry the same request safely.</summary>
    public string? IdempotencyKey { get; init; }

    internal string KeyOrNew() => IdempotencyKey ?? NewIdempotencyKey();

    public static string NewIdempotencyKey() => "k" + Guid.NewGuid().ToString("N");

    public static RequestOptions WithKey(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };
}
