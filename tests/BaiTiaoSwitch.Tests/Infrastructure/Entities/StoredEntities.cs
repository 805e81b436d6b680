using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure.Entities;

/// <summary>Cards, grants and the account's policy copies as storage holds them, bypassing every activation.</summary>
public static class StoredEntities
{
    public static Task<CardState> Card(TestCluster cluster, string cardId) =>
        Read<CardState>(cluster, "card", cluster.GrainFactory.GetGrain<IVirtualCardGrain>(cardId).GetGrainId());

    public static Task<GrantState> Grant(TestCluster cluster, string grantId) =>
        Read<GrantState>(cluster, "grant", cluster.GrainFactory.GetGrain<IAuthorizationGrantGrain>(grantId).GetGrainId());

    public static async Task<GrantPolicy?> GrantPolicy(TestCluster cluster, string accountId, string grantId) =>
        (await StoredLedger.LoadBook(cluster, accountId)).Grants.Find(grantId);

    public static async Task<CardPolicy?> CardPolicy(TestCluster cluster, string accountId, string cardId) =>
        (await StoredLedger.LoadBook(cluster, accountId)).Cards.Find(cardId);

    private static async Task<TState> Read<TState>(TestCluster cluster, string stateName, GrainId grainId)
        where TState : class, new()
    {
        var storage = StoredLedger.SiloServices(cluster).GetRequiredKeyedService<IGrainStorage>(StorageNames.Records);
        var state = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grainId, state);
        return state.State ?? new TState();
    }
}
