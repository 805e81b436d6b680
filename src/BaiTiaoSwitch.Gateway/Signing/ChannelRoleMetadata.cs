namespace BaiTiaoSwitch.Gateway.Signing;

/// <summary>The one channel role a route serves. Another role gets 403.</summary>
public sealed record ChannelRoleMetadata(ChannelRole Role);

public static class ChannelRoleEndpointExtensions
{
    public static TBuilder ForRole<TBuilder>(this TBuilder builder, ChannelRole role)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ChannelRoleMetadata(role));
}
