using Microsoft.Extensions.DependencyInjection;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Present in a silo's services only when the switch runs in sandbox mode: then, and only then, an account's clock may
/// be advanced (<see cref="ICreditAccountGrain.AdvanceClock"/>); elsewhere that is <c>not_found</c>, as if it did not exist.
/// </summary>
public sealed class SandboxMode
{
    public static bool IsOn(IServiceProvider services) => services.GetService<SandboxMode>() is not null;
}

public static class SandboxModeSiloBuilderExtensions
{
    /// <summary>Sandbox mode: accounts' test clocks may be advanced. Registered by the sandbox wiring; never in production.</summary>
    public static ISiloBuilder AddBaiTiaoSwitchSandboxMode(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<SandboxMode>();
        return silo;
    }
}
