namespace BaiTiaoSwitch.Operations.Access;

/// <summary>
/// Who may open the operators' surfaces (the console, <c>/metrics</c>, the Orleans Dashboard): section <c>Operator</c>.
/// A request is let in when it comes from this machine's loopback and <see cref="OpenOnLoopback"/> is set (sandbox
/// mode, the local run), or when it carries <see cref="Credential"/> (HTTP Basic with any user name, or a Bearer token).
/// Otherwise it gets 401. No credential configured means no one from outside gets in.
/// </summary>
public sealed class OperatorOptions
{
    /// <summary>The operators' shared secret (at least 32 characters), from a secret store. Never logged.</summary>
    public string? Credential { get; set; }

    /// <summary>Let requests from loopback in without the credential. The host sets it: sandbox mode or Development only.</summary>
    public bool OpenOnLoopback { get; set; }

    public override string ToString() => $"OperatorOptions(credential {(string.IsNullOrEmpty(Credential) ? "none" : "set")}, open on loopback {OpenOnLoopback})";
}
