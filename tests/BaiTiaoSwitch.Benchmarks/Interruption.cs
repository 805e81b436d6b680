using System.Runtime.InteropServices;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Ctrl-C (SIGINT), SIGTERM and SIGHUP end the run through <see cref="Environment.Exit"/>, whose exit handlers stop and
/// delete this run's private Azurite and PostgreSQL. Without this a SIGTERM kills the process before any of them runs.
/// </summary>
public static class Interruption
{
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static int requested;

    /// <summary>True once a signal asked the run to end: the run then fails as its servers go, and must not crash on that.</summary>
    public static bool Requested => Volatile.Read(ref requested) == 1;

    public static void ExitOnSignals()
    {
        foreach (var (signal, code) in new[] { (PosixSignal.SIGINT, 130), (PosixSignal.SIGTERM, 143), (PosixSignal.SIGHUP, 129) })
        {
            Registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                if (Interlocked.Exchange(ref requested, 1) == 0)
                {
                    Console.WriteLine($"interrupted ({context.Signal}): stopping this run's private Azurite and PostgreSQL");
                    Environment.Exit(code);
                }
            }));
        }
    }
}
