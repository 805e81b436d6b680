namespace BaiTiaoSwitch.Bindings;

/// <summary>Outside sandbox mode, until a deployment registers its <see cref="IOtpSender"/>: binding cannot send codes.</summary>
internal sealed class UnconfiguredOtpSender : IOtpSender
{
    public Task SendAsync(string phone, string code, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No IOtpSender is registered for production mode. Register one (an SMS gateway) in the silo's services, or run in sandbox mode.");
}
