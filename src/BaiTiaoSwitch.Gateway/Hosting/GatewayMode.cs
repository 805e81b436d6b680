namespace BaiTiaoSwitch.Gateway.Hosting;

public enum GatewayMode
{
    /// <summary>Real channels only; no sandbox route; development channel files are refused.</summary>
    Production = 0,

    /// <summary>Local development and integration: GET /v1/sandbox/otp exists and development channels are accepted.</summary>
    Sandbox = 1,
}
