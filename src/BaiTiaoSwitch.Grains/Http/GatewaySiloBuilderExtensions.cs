using BaiTiaoSwitch.Bindings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Http;

public static class GatewaySiloBuilderExtensions
{
    /// <summary>
    /// Adds what the HTTP gateway needs in the silo: identity-verified binding (with its <see cref="IOtpSender"/>),
    /// the nonce memory and the HTTP idempotency records. Call it after <c>AddBaiTiaoSwitch</c>, which provides the
    /// storage, the <see cref="Security.FieldProtector"/> and the <see cref="TimeProvider"/>.
    /// In production, register an <see cref="IOtpSender"/> (before or after this call); in sandbox mode the sandbox
    /// outbox is used.
    /// </summary>
    public static ISiloBuilder AddBaiTiaoSwitchGateway(this ISiloBuilder builder, Action<OptionsBuilder<BindingOptions>>? configure = null)
    {
        var options = builder.Services.AddOptions<BindingOptions>();
        configure?.Invoke(options);
        options.ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BindingOptions>, BindingOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IOtpSender>(services =>
            services.GetRequiredService<IOptions<BindingOptions>>().Value.Sandbox
                ? ActivatorUtilities.CreateInstance<SandboxOtpSender>(services)
                : new UnconfiguredOtpSender());
        return builder;
    }
}
