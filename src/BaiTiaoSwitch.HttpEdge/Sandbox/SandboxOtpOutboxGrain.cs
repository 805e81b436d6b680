namespace BaiTiaoSwitch.HttpEdge.Sandbox;

/// <summary>Sandbox only. Memory only: a sandbox code is needed for minutes, and losing one just means binding again.</summary>
public sealed class SandboxOtpOutboxGrain : Grain, ISandboxOtpOutboxGrain
{
    private string? last;

    public Task Deliver(string code)
    {
        last = code;
        return Task.CompletedTask;
    }

    public Task<string?> Last() => Task.FromResult(last);
}
