using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.HttpEdge.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.HttpEdge.Hosting;

public static class HttpEdgeSiloBuilderExtensions
{
    /// <summary>
    /// Adds what the HTTP gateway keeps in the cluster: the nonce memory of signed requests and the recorded answers of
    /// its Idempotency-Keys. Call it after <c>AddBaiTiaoSwitch</c>, which provides the storage, the field protector,
    /// the caller checks and the <see cref="TimeProvider"/>.
    /// </summary>
    public static ISiloBuilder AddBaiTiaoSwitchHttpEdge(this ISiloBuilder silo, Action<OptionsBuilder<HttpEdgeOptions>>? configure = null)
    {
        var options = silo.Services.AddOptions<HttpEdgeOptions>();
        configure?.Invoke(options);
        options.ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<HttpEdgeOptions>, HttpEdgeOptionsValidator>();
        return silo;
    }

    /// <summary>
    /// Sandbox mode only: binding's one-time codes go to an outbox in the cluster instead of an SMS gateway, and the
    /// issuer may read the last one sent to a phone (GET /v1/sandbox/otp), and accounts' clocks may be advanced (sandbox
    /// mode, <see cref="Accounts.SandboxMode"/>). Never call it in production.
    /// </summary>
    public static ISiloBuilder AddBaiTiaoSwitchSandboxOtpOutbox(this ISiloBuilder silo)
    {
        Accounts.SandboxModeSiloBuilderExtensions.AddBaiTiaoSwitchSandboxMode(silo);

        // Registered last, it is the IOtpSender that binding resolves, whatever was registered before.
        silo.Services.AddSingleton<SandboxOtpSender>();
        silo.Services.AddSingleton<IOtpSender>(services => services.GetRequiredService<SandboxOtpSender>());
        return silo;
    }
}
