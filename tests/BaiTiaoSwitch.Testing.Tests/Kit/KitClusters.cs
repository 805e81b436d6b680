using Xunit;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

/// <summary>A 2-silo switch on memory storage, shared by the tests of its collection.</summary>
public sealed class MemoryKitCluster() : SwitchTestCluster(new SwitchTestClusterOptions { Silos = 2, Storage = SwitchTestStorage.Memory }), IAsyncLifetime;

/// <summary>A 1-silo switch on Azurite (the production providers), shared by the tests of its collection.</summary>
public sealed class AzuriteKitCluster() : SwitchTestCluster(new SwitchTestClusterOptions { Silos = 1, Storage = SwitchTestStorage.Azurite }), IAsyncLifetime;

[CollectionDefinition(Name)]
public sealed class MemoryKitCollection : ICollectionFixture<MemoryKitCluster>
{
    public const string Name = "kit-memory";
}

[CollectionDefinition(Name)]
public sealed class AzuriteKitCollection : ICollectionFixture<AzuriteKitCluster>
{
    public const string Name = "kit-azurite";
}
