using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Entities;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// Issue 6 §6: card-number collisions are drawn again until unique, and a duplicate is never stored. The card-number
/// index decides, before a card stores its number. Collisions are forced by scripting the numbers the silos draw.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CardNumberCollisionTests(ClusterFixture fixture)
{
    private static readonly string Bin = new SwitchOptions().CardBin;

    [Fact]
    public async Task A_number_already_taken_is_drawn_again_until_a_free_one_comes()
    {
        var taken = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var other = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var free = CardNumbers.Generate(Bin);
        ScriptedCardNumbers.DrawNext(fixture.Cluster, [.. Enumerable.Repeat(taken.CardNumber, 10), free]);

        var issued = await other.Issuer.IssueCardAsync(other.AccountId);

        Assert.Equal(free, issued.CardNumber);
        Assert.Equal(taken.CardId, await IndexOf(taken.CardNumber));
        Assert.Equal(issued.Card.CardId, await IndexOf(free));
        Assert.Equal(Hash(free), (await StoredEntities.Card(fixture.Cluster, issued.Card.CardId)).NumberHash);
    }

    [Fact]
    public async Task Two_cards_drawing_the_same_number_at_once_end_with_distinct_numbers_and_the_index_decides()
    {
        var first = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var second = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var contested = CardNumbers.Generate(Bin);
        var firstKey = "issue-" + Guid.NewGuid().ToString("N");
        var firstCardId = DerivedIds.Card(TestKeys.Issuer.Channel, first.AccountId, firstKey);
        ScriptedCardNumbers.DrawNext(fixture.Cluster, contested, contested);

        // The first card's own write waits, so that the second card draws while the first has not stored its number.
        var held = ClusterFactory.Faults(fixture.Cluster).Hold(StorageNames.Records, target => target.Contains(firstCardId, StringComparison.Ordinal));
        var issuingFirst = first.Issuer.IssueCardAsync(first.AccountId, RequestOptions.WithKey(firstKey));
        await held.Arrived;
        var secondCard = await second.Issuer.IssueCardAsync(second.AccountId);
        held.Release();
        var firstCard = await issuingFirst;

        Assert.Equal(contested, firstCard.CardNumber);
        Assert.NotEqual(contested, secondCard.CardNumber);
        Assert.Equal(firstCard.Card.CardId, await IndexOf(contested));
        Assert.Equal(Hash(secondCard.CardNumber), (await StoredEntities.Card(fixture.Cluster, secondCard.Card.CardId)).NumberHash);
    }

    private string Hash(string number) => SiloSide.Services(fixture.Cluster).GetRequiredService<FieldProtector>().LookupHash(number, Purposes.CardNumber);

    private Task<string?> IndexOf(string number) => Activations.SiloGrains(fixture.Cluster).GetGrain<ICardNumberIndexGrain>(Hash(number)).Find();
}
