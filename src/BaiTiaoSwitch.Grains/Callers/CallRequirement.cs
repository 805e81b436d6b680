using System.Collections.Concurrent;
using System.Reflection;

namespace BaiTiaoSwitch.Callers;

/// <summary>What a method asks of its caller. A call from a silo of the cluster (stamped) meets every requirement.</summary>
public enum CallRequirement
{
    /// <summary>Any verified caller, any role: a switch method with no attribute. Object-level checks are the grain's.</summary>
    VerifiedCaller,

    /// <summary>A verified caller with the issuer role: <see cref="IssuerOnlyAttribute"/>, and every method of Orleans' own grains.</summary>
    Issuer,

    /// <summary>Only the cluster: <see cref="ClusterInternalAttribute"/>.</summary>
    ClusterInternal,

    /// <summary>A reminder tick: allowed unless a client sent it.</summary>
    Reminder,

    /// <summary>Orleans' cluster manifest, which every client reads before it can call anything, and a grain timer's tick.</summary>
    Open,
}

/// <summary>The requirement of each interface method, found once from its attributes and remembered.</summary>
public static class CallRequirements
{
    private static readonly GrainType ManifestProvider = SystemTargetGrainId.CreateGrainType("manifest");

    /// <summary>
    /// Orleans' grain-timer tick: the silo builds it for the target itself and delivers it locally, past every outgoing
    /// filter (so it carries no stamp); its invokable has no serializer, so no client can send one.
    /// </summary>
    private const string TimerTick = "Orleans.Runtime.IGrainTimerInvoker";
    private static readonly ConcurrentDictionary<MethodInfo, CallRequirement> Known = new();

    public static CallRequirement Of(MethodInfo interfaceMethod, GrainId target) =>
        target.Type.Equals(ManifestProvider) ? CallRequirement.Open : Known.GetOrAdd(interfaceMethod, Find);

    private static CallRequirement Find(MethodInfo method)
    {
        if (method.DeclaringType?.FullName == TimerTick)
        {
            return CallRequirement.Open;
        }

        if (method.IsDefined(typeof(ClusterInternalAttribute), inherit: false))
        {
            return CallRequirement.ClusterInternal;
        }

        if (method.IsDefined(typeof(IssuerOnlyAttribute), inherit: false))
        {
            return CallRequirement.Issuer;
        }

        if (method.DeclaringType == typeof(IRemindable) && method.Name == nameof(IRemindable.ReceiveReminder))
        {
            return CallRequirement.Reminder;
        }

        // The switch's own interfaces say what they need by attribute; everything else (IManagementGrain, grain
        // extensions, system targets) is Orleans' machinery, which only the issuer or the cluster may drive.
        var isSwitchInterface = method.DeclaringType?.Namespace?.StartsWith("BaiTiaoSwitch", StringComparison.Ordinal) == true;
        return isSwitchInterface ? CallRequirement.VerifiedCaller : CallRequirement.Issuer;
    }
}
