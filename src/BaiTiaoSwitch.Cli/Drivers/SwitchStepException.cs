namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>The switch refused or failed a step of the demo. <see cref="Code"/> is its stable error code.</summary>
public sealed class SwitchStepException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
