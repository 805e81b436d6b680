namespace BaiTiaoSwitch.Hosting;

/// <summary>Where the switch keeps its state: one Azure Storage account (tables, blobs). Defaults to local Azurite.</summary>
public sealed class SwitchStorageOptions
{
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Prefix of every table and container name, so several deployments can share one storage account.</summary>
    public string NamePrefix { get; set; } = "bts";
}
