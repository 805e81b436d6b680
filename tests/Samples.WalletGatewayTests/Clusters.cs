using BaiTiaoSwitch.Testing;
using Xunit;

namespace Samples.WalletGatewayTests;

/// <summary>The switch on memory storage: no Azurite, starts in a second or two.</summary>
public sealed class MemorySwitch() : SwitchTestCluster(new() { Storage = SwitchTestStorage.Memory }), IAsyncLifetime;

/// <summary>The switch on Azurite with the production storage providers (deploy/local/test.sh starts Azurite).</summary>
public sealed class AzuriteSwitch() : SwitchTestCluster(new() { Storage = SwitchTestStorage.Azurite }), IAsyncLifetime;
