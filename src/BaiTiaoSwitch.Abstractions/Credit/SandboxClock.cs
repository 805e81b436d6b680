namespace BaiTiaoSwitch.Credit;

/// <summary>An account's sandbox clock after it was advanced (API.md Sandbox): the account's now.</summary>
[GenerateSerializer, Immutable, Alias("bts.SandboxClock")]
public sealed record SandboxClock(
    [property: Id(0)] string AccountId,
    [property: Id(1)] DateTimeOffset Now);
