using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Http;

/// <summary>The gateway's records (HTTP idempotency, binding attempts and lockouts) are small grain states: Azure Table.</summary>
public static class GatewayStorage
{
    public const string Name = StorageNames.Entities;
}
