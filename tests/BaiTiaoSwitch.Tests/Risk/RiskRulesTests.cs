using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace BaiTiaoSwitch.Tests.Risk;

/// <summary>The rules grain: versioned, durable, validated, idempotent; a change reaches every silo's next decision without a restart.</summary>
[Collection(RiskClusterCollection.Name)]
public sealed class RiskRulesTests(RiskClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly IEqualityComparer<RuleSet> RuleSetComparer = EqualityComparer<RuleSet>.Create(
        (x, y) => x!.Version == y!.Version && x.Rules.SequenceEqual(y.Rules), set => set.Version.GetHashCode());

    private static RuleDraft Velocity(RiskMode mode, VelocityScope scope = VelocityScope.Grant, int? countMax = 0, long? amountMax = null) =>
        new(RiskRuleKind.Velocity, mode, RiskAction.None, new RuleParameters(scope, WindowSeconds: 60, CountMax: countMax, AmountMax: amountMax));

    [Fact]
    public async Task A_rule_is_stored_with_a_new_version_and_listed()
    {
        var before = await fixture.Issuer.GetRiskRulesAsync();
        var (stored, _, _) = await fixture.Put("r-listed", Velocity(RiskMode.Off, VelocityScope.Card, countMax: 5));
        var after = await fixture.Issuer.GetRiskRulesAsync();

        Assert.True(stored.Version > before.Version);
        Assert.Equal(stored.Version, after.Version);
        var listed = Assert.Single(after.Rules, rule => rule.RuleId == "r-listed");
        Assert.Equal(stored, listed);
        Assert.Equal(VelocityScope.Card, listed.Params.Scope);
        Assert.Equal(5, listed.Params.CountMax);
    }

    [Fact]
    public async Task The_same_key_replays_the_same_rule_and_another_request_with_it_is_refused()
    {
        var key = "rule-key-" + Guid.NewGuid().ToString("N")[..8];
        var first = await fixture.Issuer.PutRiskRuleAsync("r-replayed", Velocity(RiskMode.Off), BaiTiaoSwitch.Client.RequestOptions.WithKey(key));
        var again = await fixture.Issuer.PutRiskRuleAsync("r-replayed", Velocity(RiskMode.Off), BaiTiaoSwitch.Client.RequestOptions.WithKey(key));
        var version = (await fixture.Issuer.GetRiskRulesAsync()).Version;

        Assert.Equal(first, again);
        Assert.Equal(first.Version, version);
        var reused = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() =>
            fixture.Issuer.PutRiskRuleAsync("r-replayed", Velocity(RiskMode.Shadow), BaiTiaoSwitch.Client.RequestOptions.WithKey(key)));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Code);
        Assert.Equal(version, (await fixture.Issuer.GetRiskRulesAsync()).Version);
    }

    public static TheoryData<string, RuleDraft, string> BadRules => new()
    {
        { "velocity without a scope", new(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None, new(WindowSeconds: 60, CountMax: 1)), "params.scope" },
        { "velocity without a bound", new(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None, new(VelocityScope.Grant, WindowSeconds: 60)), "params" },
        { "velocity count past the ring", new(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None, new(VelocityScope.Grant, WindowSeconds: 60, CountMax: 256)), "params.countMax" },
        { "velocity window of 8 days", new(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None, new(VelocityScope.Grant, WindowSeconds: 8 * 86_400, CountMax: 1)), "params.windowSeconds" },
        { "velocity with a factor", new(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None, new(VelocityScope.Grant, WindowSeconds: 60, CountMax: 1, Factor: 2)), "params.factor" },
        { "amount_spike factor of 1", new(RiskRuleKind.AmountSpike, RiskMode.Enforce, RiskAction.None, new(Factor: 1, HistoryMin: 3)), "params.factor" },
        { "amount_spike without history", new(RiskRuleKind.AmountSpike, RiskMode.Enforce, RiskAction.None, new(Factor: 3)), "params.historyMin" },
        { "new_country with a window", new(RiskRuleKind.NewCountry, RiskMode.Enforce, RiskAction.None, new(WindowSeconds: 60)), "params.windowSeconds" },
        { "wallet_fanout of 0 wallets", new(RiskRuleKind.WalletFanout, RiskMode.Enforce, RiskAction.None, new(WindowSeconds: 60, WalletsMax: 0)), "params.walletsMax" },
        { "device_reuse longer than the monitors keep", new(RiskRuleKind.DeviceReuse, RiskMode.Enforce, RiskAction.None, new(WindowSeconds: 3_601, AccountsMax: 3)), "params.windowSeconds" },
        { "velocity by merchant longer than the monitors keep", new(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None, new(VelocityScope.Merchant, WindowSeconds: 3_601, CountMax: 1)), "params.windowSeconds" },
        { "device_reuse without accounts", new(RiskRuleKind.DeviceReuse, RiskMode.Enforce, RiskAction.None, new(WindowSeconds: 60)), "params.accountsMax" },
        { "promo_abuse with a bad merchant", new(RiskRuleKind.PromoAbuse, RiskMode.Enforce, RiskAction.None, new(WindowSeconds: 60, AmountMax: 100, AccountsMax: 3, AccountAgeDaysMax: 7, MerchantId: "m 1")), "params.merchantId" },
        { "promo_abuse without amountMax", new(RiskRuleKind.PromoAbuse, RiskMode.Enforce, RiskAction.None, new(WindowSeconds: 60, AccountsMax: 3, AccountAgeDaysMax: 7)), "params.amountMax" },
        { "an unknown mode", new(RiskRuleKind.NewCountry, (RiskMode)7, RiskAction.None, new()), "mode" },
        { "an unknown action", new(RiskRuleKind.NewCountry, RiskMode.Enforce, (RiskAction)9, new()), "action" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task A_bad_rule_is_refused_invalid_rule_naming_the_field_and_nothing_is_written(string why, RuleDraft draft, string field)
    {
        var before = await fixture.Issuer.GetRiskRulesAsync();

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Issuer.PutRiskRuleAsync("r-bad", draft));

        Assert.True(refused.Code == ErrorCodes.InvalidRule, why);
        Assert.Contains($"'{field}'", refused.Message, StringComparison.Ordinal);
        var after = await fixture.Issuer.GetRiskRulesAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.DoesNotContain(after.Rules, rule => rule.RuleId == "r-bad");
    }

    [Fact]
    public async Task A_wallet_may_neither_read_nor_change_the_rules()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000);
        var wallet = scenario.Wallet("alipay");

        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.GetRiskRulesAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.PutRiskRuleAsync("r-wallet", Velocity(RiskMode.Enforce)));
    }

    /// <summary>The figure in docs/risk.md: from the acknowledgement of a change to every silo holding it, over 20 changes.</summary>
    [Fact]
    public async Task A_rule_change_reaches_the_next_decision_on_every_silo_without_a_restart()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 1_000_000);
        Assert.Equal(Decision.Approved, (await scenario.Pay("alipay", 100)).Decision);
        var reached = new List<TimeSpan>();
        var fromSend = new List<TimeSpan>();
        RiskRule rule = null!;
        try
        {
            for (var change = 0; change < 20; change++)
            {
                var mode = change % 2 == 0 ? RiskMode.Enforce : RiskMode.Off;
                (rule, var afterAck, var total, var heldAtAck) = await fixture.PutObserved("r-propagation", Velocity(mode, VelocityScope.Account));
                reached.Add(afterAck);
                fromSend.Add(total);

                // A change is answered once every silo holds it: the next payment, on whichever silo, is decided with it.
                Assert.True(heldAtAck, $"change {change}: a silo did not hold version {rule.Version} when it was acknowledged");

                var next = await scenario.Pay("alipay", 100);

                Assert.Equal(mode == RiskMode.Enforce ? DeclineReason.RiskDeclined : null, next.Reason);
            }
        }
        finally
        {
            await fixture.Off(rule);
        }

        reached.Sort();
        fromSend.Sort();
        output.WriteLine($"after the acknowledgement, every silo holds the change: median {reached[reached.Count / 2].TotalMilliseconds:F1} ms, max {reached[^1].TotalMilliseconds:F1} ms; "
            + $"from sending it: median {fromSend[fromSend.Count / 2].TotalMilliseconds:F1} ms, max {fromSend[^1].TotalMilliseconds:F1} ms ({reached.Count} changes, {fixture.Caches().Count} silos)");
        var stored = await fixture.Issuer.GetRiskRulesAsync();
        Assert.All(fixture.Caches(), cache => Assert.Equal(stored, cache.Current with { Rules = [.. cache.Current.Rules] }, RuleSetComparer));
    }
}
