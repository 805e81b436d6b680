using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Bad input gets a stable code, and nothing is written.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture fixture)
{
    public static TheoryData<long, string, string> BadMoney => new()
    {
        { 0, "CNY", ErrorCodes.InvalidAmount },
        { -100, "CNY", ErrorCodes.InvalidAmount },
        { Money.AmountMax + 1, "CNY", ErrorCodes.InvalidAmount },
        { long.MaxValue, "CNY", ErrorCodes.InvalidAmount },
        { 100, "USD", ErrorCodes.CurrencyNotSupported },
    };

    [Theory]
    [MemberData(nameof(BadMoney))]
    public async Task Bad_amounts_are_refused_with_a_stable_code_and_write_nothing(long amount, string currency, string code)
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var hold = await scenario.Pay("alipay", 1_000);
        var versionBefore = (await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Version;
        var wallet = scenario.Wallet("alipay");
        var money = new Money(amount, currency);

        var errors = new[]
        {
            await Assert.ThrowsAsync<InvalidRequestException>(() => wallet.AuthorizeAsync(new AuthorizeRequest(scenario.Grants["alipay"].GrantId, null, money, Scenario.Shop))),
            await Assert.ThrowsAsync<InvalidRequestException>(() => wallet.CaptureAsync(hold.AuthorizationId, money)),
            await Assert.ThrowsAsync<InvalidRequestException>(() => wallet.IncrementAsync(hold.AuthorizationId, money)),
            await Assert.ThrowsAsync<InvalidRequestException>(() => wallet.ReverseAsync(hold.AuthorizationId, money)),
        };

        Assert.All(errors, error => Assert.Equal(code, error.Code));
        Assert.Equal(versionBefore, (await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Version);
        Assert.Equal(1_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Malformed_ids_are_refused_as_invalid_id(string id)
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");

        var onGrant = await Assert.ThrowsAsync<InvalidRequestException>(() => wallet.GetGrantAsync(id));
        var onAccount = await Assert.ThrowsAsync<InvalidRequestException>(() => scenario.Issuer.GetAccountAsync(id));

        Assert.Equal(ErrorCodes.InvalidId, onGrant.Code);
        Assert.Equal(ErrorCodes.InvalidId, onAccount.Code);
    }

    [Fact]
    public async Task Over_long_ids_keys_and_merchant_fields_are_refused()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");
        var grantId = scenario.Grants["alipay"].GrantId;

        var longKey = await Assert.ThrowsAsync<InvalidRequestException>(() => scenario.Pay("alipay", 100, key: new string('k', 65)));
        var longName = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            wallet.AuthorizeAsync(new AuthorizeRequest(grantId, null, Money.Fen(100), Scenario.Shop with { Name = new string('n', 129) })));
        var badMcc = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            wallet.AuthorizeAsync(new AuthorizeRequest(grantId, null, Money.Fen(100), Scenario.Shop with { Mcc = "54A1" })));
        var both = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            wallet.AuthorizeAsync(new AuthorizeRequest(grantId, "wt_x", Money.Fen(100), Scenario.Shop)));

        Assert.Equal(ErrorCodes.InvalidId, longKey.Code);
        Assert.All(new[] { longName, badMcc, both }, error => Assert.Equal(ErrorCodes.InvalidRequest, error.Code));
        Assert.Equal(0, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task Opening_an_account_with_bad_holder_data_is_refused_without_echoing_it()
    {
        var issuer = new BaiTiaoSwitch.Client.BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            issuer.OpenAccountAsync(new OpenAccountRequest("acct-bad-holder", new Holder("张三", "11010119900307777X", "not-a-phone"), Money.Fen(1_000), 700)));

        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
        Assert.DoesNotContain("11010119900307777X", error.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => issuer.GetAccountAsync("acct-bad-holder"));
    }
}
