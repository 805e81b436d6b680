using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Gateway.Sandbox;

public sealed class SandboxClockBody
{
    /// <summary>Required: whole seconds to move the account's clock forward, at least 1.</summary>
    public long? AdvanceSeconds { get; set; }
}

/// <summary>The account's clock after the advance (RFC 3339 UTC).</summary>
public sealed record SandboxClockResponse(string AccountId, DateTimeOffset Now);

public static class SandboxClockWire
{
    public static SandboxClockResponse ToWire(this SandboxClock clock) => new(clock.AccountId, clock.Now.ToUniversalTime());
}
