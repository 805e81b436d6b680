namespace BaiTiaoSwitch.Reminders;

/// <summary>
/// A grain's reminder registration that runs beside its callers. A silo whose reminder service is still starting
/// holds a registration for up to 20 s, as long as a caller waits for an answer, so each caller waits for it at most
/// a bound and the registration goes on. One still running is not started again.
/// </summary>
internal sealed class BoundedRegistration
{
    private Task? running;

    /// <summary>Starts <paramref name="register"/> unless it is still running; completes when it ends or after <paramref name="waitMax"/>.</summary>
    public Task Keep(Func<Task> register, TimeSpan waitMax)
    {
        if (running is null)
        {
            var started = RunThenLetGo(register);
            running = started.IsCompleted ? null : started;
        }

        return running is null ? Task.CompletedTask : Task.WhenAny(running, Task.Delay(waitMax));
    }

    // A finished registration is let go: an idle grain kept its completed task (about 110 B) for nothing. The
    // continuation runs on the grain's own scheduler, where it was started, so the field is never written concurrently.
    private async Task RunThenLetGo(Func<Task> register)
    {
        try
        {
            await register();
        }
        finally
        {
            running = null;
        }
    }
}
