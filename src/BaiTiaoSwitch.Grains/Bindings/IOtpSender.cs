namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Sends a one-time code to a phone (normalized digits). In sandbox mode it is <see cref="SandboxOtpSender"/>;
/// in production a deployment registers its own (an SMS gateway). Implementations never log the phone or the code.
/// </summary>
public interface IOtpSender
{
    Task SendAsync(string phone, string code, CancellationToken cancellationToken);
}
