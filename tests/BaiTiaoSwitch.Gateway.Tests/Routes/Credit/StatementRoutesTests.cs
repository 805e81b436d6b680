using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;
using static BaiTiaoSwitch.Gateway.Tests.Routes.Credit.CreditFlows;

namespace BaiTiaoSwitch.Gateway.Tests.Routes.Credit;

/// <summary>
/// GET /v1/accounts/{accountId}/statements, GET /v1/statements/{statementId} and POST /v1/accounts/{accountId}/repayments
/// as API.md spells them: a line with one purchase on 12 installments and one revolving purchase, its clock moved past
/// the cut, the statement read and repaid in full.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StatementRoutesTests(GatewayFixture fixture)
{
    private static readonly string[] StatementFields =
    [
        "statementId", "accountId", "periodStart", "periodEnd", "dueDate", "previousBalance", "purchases", "refunds", "installmentsDue", "fees",
        "repayments", "corrections", "newBalance", "minimumDue", "paid", "status", "createdAt",
    ];

    /// <summary>A line cut once: 1,200.00 on 12 installments (10.90% APR) and 300.00 revolving.</summary>
    private async Task<(string AccountId, DateOnly CutDate)> CutLine(int billingDay)
    {
        var (accountId, grantId) = await OpenBoundLine(fixture, billingDay);
        var onPlan = await Purchase(fixture, grantId, 120_000);
        Assert.Equal(201, (await fixture.Issuer.Post($"/v1/captures/{onPlan}/installments", new { periods = 12 })).Status);
        await Purchase(fixture, grantId, 30_000);
        var cutDate = await AdvancePastNextCut(fixture, accountId, billingDay);
        return (accountId, cutDate);
    }

    [Fact]
    public async Task The_cut_statement_shows_every_field_and_a_repayment_of_it_is_allocated_in_order_and_restores_exactly_its_principal()
    {
        var (accountId, cutDate) = await CutLine(billingDay: 10);

        var listed = await fixture.Issuer.Get($"/v1/accounts/{accountId}/statements");
        Assert.Equal(200, listed.Status);
        Assert.Equal(["statements"], Keys(listed.Body!));
        var statements = listed.Body!["statements"]!.AsArray();
        Assert.Single(statements);
        var statement = statements[0]!;
        Assert.Equal(StatementFields, Keys(statement));
        var statementId = statement["statementId"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", statementId);
        Assert.Equal((accountId, "open", cutDate.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            (statement["accountId"]!.GetValue<string>(), statement["status"]!.GetValue<string>(), statement["dueDate"]!.GetValue<string>()));
        var periodEnd = Instant(statement, "periodEnd");
        Assert.Equal(new DateTimeOffset(cutDate.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset), periodEnd);
        Assert.True(Instant(statement, "periodStart") < periodEnd);
        Assert.True(Instant(statement, "createdAt") >= periodEnd);

        // 300.00 revolving + the first period (100.00 + 6.00 fee); 10% of the revolving principal + the installment due.
        Assert.Equal((0L, 30_000L, 0L, 10_600L, 0L, 0L, 0L, 40_600L, 13_600L, 0L),
            (Money(statement, "previousBalance"), Money(statement, "purchases"), Money(statement, "refunds"), Money(statement, "installmentsDue"),
             Money(statement, "fees"), Money(statement, "repayments"), Money(statement, "corrections"), Money(statement, "newBalance"),
             Money(statement, "minimumDue"), Money(statement, "paid")));

        var read = await fixture.Issuer.Get($"/v1/statements/{statementId}");
        Assert.Equal((200, statement.ToJsonString()), (read.Status, read.Body!.ToJsonString()));

        // More than is owed (the statement; installment principal not yet billed is not owed) is refused, nothing written.
        var tooMuch = await fixture.Issuer.Post($"/v1/accounts/{accountId}/repayments", new { amount = Cny(40_601) });
        Assert.Equal((422, "repayment_exceeds_balance"), (tooMuch.Status, tooMuch.Code));
        var before = await fixture.Issuer.Get($"/v1/accounts/{accountId}");
        Assert.Equal((150_000L, 350_000L), (before.Amount("posted"), before.Amount("available")));

        var key = SignedClient.NewKey();
        var repaid = await fixture.Issuer.Post($"/v1/accounts/{accountId}/repayments", new { amount = Cny(40_600) }, key);
        Assert.True(repaid.Status == 201, repaid.ToString());
        var repayment = repaid.Body!;
        Assert.Equal(["repaymentId", "accountId", "amount", "allocated", "createdAt"], Keys(repayment));
        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", repayment["repaymentId"]!.GetValue<string>());
        Assert.Equal((accountId, 40_600L), (repayment["accountId"]!.GetValue<string>(), Money(repayment, "amount")));
        Instant(repayment, "createdAt");
        var allocated = repayment["allocated"]!;
        Assert.Equal(["lateFees", "installmentFees", "installmentPrincipal", "statementBalance", "unbilled"], Keys(allocated));
        Assert.Equal((0L, 600L, 10_000L, 30_000L, 0L),
            (Money(allocated, "lateFees"), Money(allocated, "installmentFees"), Money(allocated, "installmentPrincipal"), Money(allocated, "statementBalance"), Money(allocated, "unbilled")));

        var again = await fixture.Issuer.Post($"/v1/accounts/{accountId}/repayments", new { amount = Cny(40_600) }, key);
        Assert.Equal((201, repaid.Text), (again.Status, again.Text));
        var reused = await fixture.Issuer.Post($"/v1/accounts/{accountId}/repayments", new { amount = Cny(100) }, key);
        Assert.Equal((409, "idempotency_key_reused"), (reused.Status, reused.Code));

        // The principal paid (400.00) is restored, not the fee; conservation: limit − available = pending + posted.
        var after = await fixture.Issuer.Get($"/v1/accounts/{accountId}");
        Assert.Equal((110_000L, 110_000L, 390_000L, 0L), (after.Amount("posted"), after.Amount("installmentsOutstanding"), after.Amount("available"), after.Amount("pending")));
        Assert.Equal(after.Amount("creditLimit") - after.Amount("available"), after.Amount("pending") + after.Amount("posted"));

        var paid = await fixture.Issuer.Get($"/v1/statements/{statementId}");
        Assert.Equal((40_600L, "paid"), (Money(paid.Body!, "paid"), paid.Str("status")));
        var nothingOwed = await fixture.Issuer.Post($"/v1/accounts/{accountId}/repayments", new { amount = Cny(1) });
        Assert.Equal((422, "repayment_exceeds_balance"), (nothingOwed.Status, nothingOwed.Code));

        // The next cut bills the second period; the list is newest first.
        var secondCut = await AdvancePastNextCut(fixture, accountId, 10);
        var both = (await fixture.Issuer.Get($"/v1/accounts/{accountId}/statements")).Body!["statements"]!.AsArray();
        Assert.Equal(2, both.Count);
        Assert.Equal(statementId, both[1]!["statementId"]!.GetValue<string>());
        var second = both[0]!;
        Assert.Equal(secondCut.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), second["dueDate"]!.GetValue<string>());
        Assert.Equal((40_600L, 0L, 10_600L, 40_600L, 10_600L),
            (Money(second, "previousBalance"), Money(second, "purchases"), Money(second, "installmentsDue"), Money(second, "repayments"), Money(second, "newBalance")));
    }

    [Fact]
    public async Task An_unpaid_statement_goes_overdue_and_accrues_late_fees_that_a_repayment_pays_first_restoring_no_credit()
    {
        var (accountId, cutDate) = await CutLine(billingDay: 15);

        // Paid on time until the end of the due date (cut + 9 days, China time); move 5 days past it.
        var now = await Now(fixture, accountId);
        var overdueFrom = new DateTimeOffset(cutDate.AddDays(10).ToDateTime(TimeOnly.MinValue), ChinaOffset);
        await Advance(fixture, accountId, (long)Math.Ceiling((overdueFrom - now).TotalSeconds) + (5 * 86_400));
        var statement = (await fixture.Issuer.Get($"/v1/accounts/{accountId}/statements")).Body!["statements"]!.AsArray();
        Assert.Single(statement);
        Assert.Equal((0L, "overdue"), (Money(statement[0]!, "paid"), statement[0]!["status"]!.GetValue<string>()));

        var before = await fixture.Issuer.Get($"/v1/accounts/{accountId}");
        var repaid = await fixture.Issuer.Post($"/v1/accounts/{accountId}/repayments", new { amount = Cny(200) });
        Assert.True(repaid.Status == 201, repaid.ToString());
        var allocated = repaid.Body!["allocated"]!;

        // 0.05% a day of the 400.00 principal overdue: 0.20 a day, for at least the 5 days past the due date.
        var lateFees = Money(allocated, "lateFees");
        Assert.True(lateFees >= 100 && lateFees % 20 == 0, $"late fees {lateFees}");
        Assert.Equal((200 - lateFees, 0L, 0L, 0L),
            (Money(allocated, "installmentFees"), Money(allocated, "installmentPrincipal"), Money(allocated, "statementBalance"), Money(allocated, "unbilled")));
        var after = await fixture.Issuer.Get($"/v1/accounts/{accountId}");
        Assert.Equal((before.Amount("available"), before.Amount("posted")), (after.Amount("available"), after.Amount("posted")));
    }

    [Fact]
    public async Task A_bad_repayment_is_refused_with_its_code_and_changes_nothing()
    {
        var (accountId, _) = await CutLine(billingDay: 25);
        foreach (var (body, status, code) in new[]
        {
            ("""{"amount":{"amount":100,"currency":"CNY"},"note":"early"}""", 400, "invalid_request"),
            ("""{"amount":{"amount":100,"currency":"CNY","fx":1}}""", 400, "invalid_request"),
            ("""{"amount":{"amount":"100","currency":"CNY"}}""", 400, "invalid_request"),
            ("""{}""", 400, "invalid_request"),
            ("""{"amount":{"amount":0,"currency":"CNY"}}""", 422, "invalid_amount"),
            ("""{"amount":{"amount":-5,"currency":"CNY"}}""", 422, "invalid_amount"),
            ("""{"amount":{"amount":100,"currency":"USD"}}""", 422, "currency_not_supported"),
        })
        {
            var refused = await Raw(fixture.Issuer, HttpMethod.Post, $"/v1/accounts/{accountId}/repayments", body);
            Assert.True(refused.Status == status && refused.Code == code, $"{body}: expected {status} {code}, got {refused}");
        }

        var statement = (await fixture.Issuer.Get($"/v1/accounts/{accountId}/statements")).Body!["statements"]![0]!;
        Assert.Equal((0L, "open"), (Money(statement, "paid"), statement["status"]!.GetValue<string>()));
        Assert.Equal(150_000, (await fixture.Issuer.Get($"/v1/accounts/{accountId}")).Amount("posted"));
    }

    [Fact]
    public async Task A_wallet_channel_may_not_read_statements_or_repay()
    {
        var (accountId, _) = await CutLine(billingDay: 3);
        var statementId = (await fixture.Issuer.Get($"/v1/accounts/{accountId}/statements")).Body!["statements"]![0]!["statementId"]!.GetValue<string>();
        foreach (var refused in new[]
        {
            await fixture.Alipay.Get($"/v1/accounts/{accountId}/statements"),
            await fixture.Alipay.Get($"/v1/statements/{statementId}"),
            await fixture.Alipay.Post($"/v1/accounts/{accountId}/repayments", new { amount = Cny(100) }),
        })
        {
            Assert.Equal((403, "forbidden"), (refused.Status, refused.Code));
        }

        Assert.Equal(150_000, (await fixture.Issuer.Get($"/v1/accounts/{accountId}")).Amount("posted"));
    }

    [Fact]
    public async Task An_unknown_account_or_statement_is_404_not_found()
    {
        var nobody = Flows.NewId("acct");
        foreach (var missing in new[]
        {
            await fixture.Issuer.Get($"/v1/accounts/{nobody}/statements"),
            await fixture.Issuer.Get($"/v1/statements/st_20260110_{nobody}"),
            await fixture.Issuer.Get("/v1/statements/no-such-statement"),
            await fixture.Issuer.Post($"/v1/accounts/{nobody}/repayments", new { amount = Cny(100) }),
        })
        {
            Assert.Equal((404, "not_found"), (missing.Status, missing.Code));
        }

        var (accountId, _) = await OpenBoundLine(fixture, billingDay: 7);
        var none = await fixture.Issuer.Get($"/v1/accounts/{accountId}/statements");
        Assert.Equal((200, 0), (none.Status, none.Body!["statements"]!.AsArray().Count));
        var notCut = await fixture.Issuer.Get($"/v1/statements/st_20260107_{accountId}");
        Assert.Equal((404, "not_found"), (notCut.Status, notCut.Code));
    }
}
