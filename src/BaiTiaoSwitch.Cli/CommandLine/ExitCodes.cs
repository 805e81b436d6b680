namespace BaiTiaoSwitch.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A guarantee the demo checks did not hold.</summary>
    public const int CheckFailed = 1;

    public const int Usage = 2;

    /// <summary>The switch could not be reached, or refused a step.</summary>
    public const int SwitchUnavailable = 3;
}
