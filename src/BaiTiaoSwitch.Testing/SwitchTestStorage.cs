namespace BaiTiaoSwitch.Testing;

/// <summary>Where a test cluster keeps the switch's state.</summary>
public enum SwitchTestStorage
{
    /// <summary>
    /// In the test process: Orleans' memory grain storage, reminders and streams, and in-memory commit log, request keys
    /// and decision history with the production stores' guarantees (ETag fencing, insert-only claims). Fast; no Azurite.
    /// </summary>
    Memory,

    /// <summary>The production Azure Storage providers on Azurite, with fresh table, container and queue names per cluster.</summary>
    Azurite,
}
