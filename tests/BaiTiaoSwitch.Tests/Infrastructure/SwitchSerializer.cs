using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>Orleans' serializer with the switch's types, as the silos build it, for tests of stored forms without a cluster.</summary>
public static class SwitchSerializer
{
    public static readonly Serializer Instance = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(AccountImage).Assembly).AddAssembly(typeof(Authorization).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();
}
