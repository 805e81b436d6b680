using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;
using static BaiTiaoSwitch.Gateway.Tests.Routes.Credit.CreditFlows;

namespace BaiTiaoSwitch.Gateway.Tests.Routes.Credit;

/// <summary>The Account additions of API.md "Credit products": <c>billingDay</c> at opening, and every answer's new fields.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BillingDayRoutesTests(GatewayFixture fixture)
{
    private static readonly string[] AccountFields =
        ["accountId", "status", "creditLimit", "available", "pending", "posted", "overLimit", "creditScore", "billingDay", "installmentsOutstanding"];

    private static object Open(string accountId, object? billingDay) => billingDay is null
        ? new { accountId, holder = TestHolder.New().Body, creditLimit = Cny(100_000), creditScore = 700 }
        : new { accountId, holder = TestHolder.New().Body, creditLimit = Cny(100_000), creditScore = 700, billingDay };

    [Fact]
    public async Task An_account_opened_with_a_billing_day_answers_it_with_its_credit_score_and_installments_outstanding()
    {
        var accountId = Flows.NewId("acct");
        var opened = await fixture.Issuer.Post("/v1/accounts", Open(accountId, 28));
        Assert.True(opened.Status == 201, opened.ToString());
        Assert.Equal(AccountFields, Keys(opened.Body!));
        Assert.Equal((28, 700, 0L), (opened.Body!["billingDay"]!.GetValue<int>(), opened.Body["creditScore"]!.GetValue<int>(), Money(opened.Body, "installmentsOutstanding")));
        var read = await fixture.Issuer.Get($"/v1/accounts/{accountId}");
        Assert.Equal(AccountFields, Keys(read.Body!));
        Assert.Equal(28, read.Body!["billingDay"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_account_opened_without_a_billing_day_takes_the_terms_default_of_1()
    {
        var accountId = Flows.NewId("acct");
        var opened = await fixture.Issuer.Post("/v1/accounts", Open(accountId, null));
        Assert.True(opened.Status == 201, opened.ToString());
        Assert.Equal(1, opened.Body!["billingDay"]!.GetValue<int>());
    }

    public static TheoryData<string> BadBillingDays => new() { "0", "29", "31", "-1", "1.5", "\"15\"" };

    [Theory]
    [MemberData(nameof(BadBillingDays))]
    public async Task A_billing_day_outside_1_to_28_is_400_invalid_request_and_opens_nothing(string billingDay)
    {
        var accountId = Flows.NewId("acct");
        var holder = TestHolder.New();
        var body = $$"""{"accountId":"{{accountId}}","holder":{"name":"{{holder.Name}}","idNumber":"{{holder.IdNumber}}","phone":"{{holder.Phone}}"},"creditLimit":{"amount":100000,"currency":"CNY"},"creditScore":700,"billingDay":{{billingDay}}}""";

        var refused = await Raw(fixture.Issuer, HttpMethod.Post, "/v1/accounts", body);

        Assert.Equal((400, "invalid_request"), (refused.Status, refused.Code));
        Assert.Equal(404, (await fixture.Issuer.Get($"/v1/accounts/{accountId}")).Status);
    }
}
