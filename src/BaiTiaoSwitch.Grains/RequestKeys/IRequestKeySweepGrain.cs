namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// Keeps one channel's key namespace bounded: a reminder deletes the claims older than the key retention (plus a
/// margin, so a claim never leaves before the owner's own record of the key). Keyed by channel id.
/// </summary>
public interface IRequestKeySweepGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the sweep reminder exists. Cheap to repeat.</summary>
    Task Start();

    /// <summary>Lets go of the keys past retention in every shard of the channel and deletes their segments. Returns how many keys.</summary>
    Task<int> SweepNow();
}
