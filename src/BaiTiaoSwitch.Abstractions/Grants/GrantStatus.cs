namespace BaiTiaoSwitch.Grants;

/// <summary>
/// pending_verification → active ⇄ suspended; any → revoked (final); active/suspended → expired (final) once the
/// grant's expiry passes; pending_verification → expired (final) once the switch's pending-grant lifetime passes.
/// </summary>
[GenerateSerializer, Alias("bts.GrantStatus")]
public enum GrantStatus
{
    PendingVerification = 0,
    Active = 1,
    Suspended = 2,
    Revoked = 3,
    Expired = 4,
}
