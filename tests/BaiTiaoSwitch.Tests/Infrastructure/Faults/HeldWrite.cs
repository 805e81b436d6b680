namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>A write stopped before it reaches storage: a test sees it arrive, then lets it go.</summary>
public sealed class HeldWrite
{
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the held write has arrived and is waiting.</summary>
    public Task Arrived => arrived.Task;

    public void Release() => released.TrySetResult();

    internal Task Arrive()
    {
        arrived.TrySetResult();
        return released.Task;
    }
}
