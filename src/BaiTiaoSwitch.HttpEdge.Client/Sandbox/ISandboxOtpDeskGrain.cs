namespace BaiTiaoSwitch.HttpEdge.Sandbox;

/// <summary>
/// Sandbox mode only: where the issuer reads the last code sent to a phone (GET /v1/sandbox/otp), so integrators
/// and tests can complete a binding. A stateless worker: it hashes the phone in the silo, where the key is.
/// </summary>
public interface ISandboxOtpDeskGrain : IGrainWithIntegerKey
{
    /// <summary>The last code sent to <paramref name="phone"/>; null when none was, or when the silos do not run the sandbox outbox.</summary>
    [IssuerOnly]
    Task<string?> LastOtp(string phone);
}
