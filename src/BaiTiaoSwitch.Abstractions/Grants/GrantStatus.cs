namespace BaiTiaoSwitch.Grants;

/// <summary>
/// pending_verification → active ⇄ suspended; any → revoked (final); active/suspended → expired (final).
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
