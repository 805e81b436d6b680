using Microsoft.Extensions.Time.Testing;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>One fake clock for the silos, the gateway and the signing clients: tests move it instead of sleeping.</summary>
public static class TestClock
{
    public static readonly FakeTimeProvider Instance = new(DateTimeOffset.UtcNow);
}
