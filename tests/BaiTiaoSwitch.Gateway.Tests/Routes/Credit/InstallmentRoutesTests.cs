using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;
using static BaiTiaoSwitch.Gateway.Tests.Routes.Credit.CreditFlows;

namespace BaiTiaoSwitch.Gateway.Tests.Routes.Credit;

/// <summary>POST /v1/captures/{captureId}/installments and GET /v1/installments/{planId} as API.md spells them.</summary>
[Collection(GatewayCollection.Name)]
public sealed class InstallmentRoutesTests(GatewayFixture fixture)
{
    private static readonly string[] PlanFields =
        ["planId", "captureId", "accountId", "principal", "periods", "feeRatePerPeriod", "feePerPeriod", "totalFee", "apr", "schedule", "status", "createdAt"];

    [Fact]
    public async Task Issuer_turns_a_capture_into_12_installments_with_every_field_and_the_disclosed_apr_and_reads_it_back()
    {
        var (accountId, grantId) = await OpenBoundLine(fixture, billingDay: 5);
        var captureId = await Purchase(fixture, grantId, 120_000);

        var made = await fixture.Issuer.Post($"/v1/captures/{captureId}/installments", new { periods = 12 });

        Assert.True(made.Status == 201, made.ToString());
        var plan = made.Body!;
        Assert.Equal(PlanFields, Keys(plan));
        var planId = plan["planId"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", planId);
        Assert.Equal((captureId, accountId, 12, "0.0050", "10.90", "active"),
            (plan["captureId"]!.GetValue<string>(), plan["accountId"]!.GetValue<string>(), plan["periods"]!.GetValue<int>(),
             plan["feeRatePerPeriod"]!.GetValue<string>(), plan["apr"]!.GetValue<string>(), plan["status"]!.GetValue<string>()));
        Assert.Equal((120_000L, 600L, 7_200L), (Money(plan, "principal"), Money(plan, "feePerPeriod"), Money(plan, "totalFee")));
        Instant(plan, "createdAt");

        var schedule = plan["schedule"]!.AsArray();
        Assert.Equal(12, schedule.Count);
        var previousDue = DateOnly.MinValue;
        for (var i = 0; i < schedule.Count; i++)
        {
            var period = schedule[i]!;
            Assert.Equal(["period", "dueDate", "principal", "fee", "status"], Keys(period));
            Assert.Equal((i + 1, "due", 10_000L, 600L), (period["period"]!.GetValue<int>(), period["status"]!.GetValue<string>(), Money(period, "principal"), Money(period, "fee")));
            var due = DateOnly.ParseExact(period["dueDate"]!.GetValue<string>(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(14, due.Day); // billing day 5 + 9 due days
            Assert.True(due > previousDue, "each period falls on a later statement");
            previousDue = due;
        }

        Assert.Equal(120_000, schedule.Sum(period => Money(period!, "principal")));
        Assert.Equal(7_200, schedule.Sum(period => Money(period!, "fee")));

        var read = await fixture.Issuer.Get($"/v1/installments/{planId}");
        Assert.Equal(200, read.Status);
        Assert.Equal(made.Text, read.Text);

        // Principal moved onto the plan: posted unchanged, and the account shows it outstanding.
        var account = await fixture.Issuer.Get($"/v1/accounts/{accountId}");
        Assert.Equal((120_000L, 120_000L, 380_000L, 5), (account.Amount("posted"), account.Amount("installmentsOutstanding"), account.Amount("available"), account.Body!["billingDay"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Creating_a_plan_again_with_the_same_key_replays_it_and_a_second_plan_on_the_capture_is_409_invalid_transition()
    {
        var (_, grantId) = await OpenBoundLine(fixture, billingDay: 20);
        var captureId = await Purchase(fixture, grantId, 30_000);
        var key = SignedClient.NewKey();
        var first = await fixture.Issuer.Post($"/v1/captures/{captureId}/installments", new { periods = 6 }, key);
        Assert.True(first.Status == 201, first.ToString());
        Assert.Equal("10.21", first.Str("apr"));

        var again = await fixture.Issuer.Post($"/v1/captures/{captureId}/installments", new { periods = 6 }, key);
        Assert.Equal((201, first.Text), (again.Status, again.Text));
        var reused = await fixture.Issuer.Post($"/v1/captures/{captureId}/installments", new { periods = 12 }, key);
        Assert.Equal((409, "idempotency_key_reused"), (reused.Status, reused.Code));

        var second = await fixture.Issuer.Post($"/v1/captures/{captureId}/installments", new { periods = 24 });
        Assert.Equal((409, "invalid_transition"), (second.Status, second.Code));
    }

    [Fact]
    public async Task A_plan_whose_apr_would_exceed_the_cap_is_422_apr_above_cap_and_nothing_is_written()
    {
        // The test silo's terms charge 3% a period on 3 periods: an IRR of about 53% a year, above the 24% cap.
        var (accountId, grantId) = await OpenBoundLine(fixture, billingDay: 12);
        var captureId = await Purchase(fixture, grantId, 60_000);

        var refused = await fixture.Issuer.Post($"/v1/captures/{captureId}/installments", new { periods = 3 });

        Assert.Equal((422, "apr_above_cap"), (refused.Status, refused.Code));
        Assert.Equal("application/problem+json", refused.ContentType);
        var account = await fixture.Issuer.Get($"/v1/accounts/{accountId}");
        Assert.Equal((0L, 60_000L), (account.Amount("installmentsOutstanding"), account.Amount("posted")));
        var notMade = await fixture.Issuer.Get("/v1/installments/ip_" + captureId[3..]);
        Assert.Equal((404, "not_found"), (notMade.Status, notMade.Code));
        var allowed = await fixture.Issuer.Post($"/v1/captures/{captureId}/installments", new { periods = 12 });
        Assert.Equal((201, "10.90"), (allowed.Status, allowed.Str("apr")));
    }

    [Fact]
    public async Task A_plan_on_a_billed_purchase_is_a_correction_on_the_next_statement_and_after_the_due_date_it_is_409_invalid_transition()
    {
        var (accountId, grantId) = await OpenBoundLine(fixture, billingDay: 18);
        var billed = await Purchase(fixture, grantId, 30_000);
        var late = await Purchase(fixture, grantId, 12_000);
        var cutDate = await AdvancePastNextCut(fixture, accountId, 18);

        // Billed, due date not passed: eligible.
        var made = await fixture.Issuer.Post($"/v1/captures/{billed}/installments", new { periods = 6 });
        Assert.True(made.Status == 201, made.ToString());

        // Past the due date (paid on time until the end of cut + 9 days, China time): no longer eligible.
        var now = await Now(fixture, accountId);
        await Advance(fixture, accountId, (long)Math.Ceiling((new DateTimeOffset(cutDate.AddDays(10).ToDateTime(TimeOnly.MinValue), ChinaOffset) - now).TotalSeconds) + 3_600);
        var refused = await fixture.Issuer.Post($"/v1/captures/{late}/installments", new { periods = 6 });
        Assert.Equal((409, "invalid_transition"), (refused.Status, refused.Code));

        // The cut statement never changes; the next one carries the correction and bills the plan's first period.
        await AdvancePastNextCut(fixture, accountId, 18);
        var statements = (await fixture.Issuer.Get($"/v1/accounts/{accountId}/statements")).Body!["statements"]!.AsArray();
        Assert.Equal(2, statements.Count);
        Assert.Equal((42_000L, 0L), (Money(statements[1]!, "purchases"), Money(statements[1]!, "corrections")));
        var next = statements[0]!;
        Assert.Equal((42_000L, 0L, -30_000L, 5_150L), (Money(next, "previousBalance"), Money(next, "purchases"), Money(next, "corrections"), Money(next, "installmentsDue")));
        Assert.Equal(Money(next, "previousBalance") + Money(next, "purchases") - Money(next, "refunds") + Money(next, "installmentsDue") + Money(next, "fees") - Money(next, "repayments") + Money(next, "corrections"),
            Money(next, "newBalance"));
    }

    public static TheoryData<string> BadBodies => new()
    {
        """{"periods":5}""",
        """{"periods":0}""",
        """{"periods":-12}""",
        """{"periods":36}""",
        """{"periods":12.5}""",
        """{"periods":"12"}""",
        """{"periods":null}""",
        """{}""",
        """{"periods":12,"freeInterest":true}""",
        "not json",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_installments_body_is_400_invalid_request_and_makes_no_plan(string body)
    {
        var (accountId, grantId) = await OpenBoundLine(fixture, billingDay: 1);
        var captureId = await Purchase(fixture, grantId, 24_000);

        var refused = await Raw(fixture.Issuer, HttpMethod.Post, $"/v1/captures/{captureId}/installments", body);

        Assert.Equal((400, "invalid_request"), (refused.Status, refused.Code));
        Assert.Equal(0, (await fixture.Issuer.Get($"/v1/accounts/{accountId}")).Amount("installmentsOutstanding"));
        Assert.Equal(201, (await fixture.Issuer.Post($"/v1/captures/{captureId}/installments", new { periods = 24 })).Status);
    }

    [Fact]
    public async Task A_wallet_channel_may_not_make_or_read_a_plan()
    {
        var (_, grantId) = await OpenBoundLine(fixture, billingDay: 1);
        var captureId = await Purchase(fixture, grantId, 12_000);
        var made = await fixture.Issuer.Post($"/v1/captures/{captureId}/installments", new { periods = 12 });
        Assert.Equal(201, made.Status);

        var make = await fixture.Alipay.Post($"/v1/captures/{captureId}/installments", new { periods = 12 });
        Assert.Equal((403, "forbidden"), (make.Status, make.Code));
        var read = await fixture.Alipay.Get($"/v1/installments/{made.Str("planId")}");
        Assert.Equal((403, "forbidden"), (read.Status, read.Code));
    }

    [Fact]
    public async Task An_unknown_plan_or_capture_is_404_not_found_and_a_malformed_id_is_400_invalid_id()
    {
        var (_, grantId) = await OpenBoundLine(fixture, billingDay: 1);
        var captureId = await Purchase(fixture, grantId, 12_000);
        var unknownPlan = await fixture.Issuer.Get("/v1/installments/" + "ip_" + captureId[3..]);
        Assert.Equal((404, "not_found"), (unknownPlan.Status, unknownPlan.Code));
        var notAPlanId = await fixture.Issuer.Get("/v1/installments/plan-nobody");
        Assert.Equal((404, "not_found"), (notAPlanId.Status, notAPlanId.Code));

        var unknownCapture = await fixture.Issuer.Post("/v1/captures/cp-nobody/installments", new { periods = 12 });
        Assert.Equal((404, "not_found"), (unknownCapture.Status, unknownCapture.Code));
        var malformed = await fixture.Issuer.Get("/v1/installments/" + new string('p', 65));
        Assert.Equal((400, "invalid_id"), (malformed.Status, malformed.Code));
    }
}
