using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Credit;

/// <summary>
/// Issuer routes on the credit products of a line (API.md "Credit products"): installment plans (分期), statements
/// (账单) and repayments. Every one goes through the SDK as the signing channel; the POST routes record their answer
/// under the Idempotency-Key and pass the key to the credit grain, which runs each operation once per key.
/// </summary>
public static class CreditApi
{
    public static IEndpointRouteBuilder MapCreditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapV1("Credit");
        string[] writes = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.IdempotencyKeyReused, ErrorCodes.OutcomeUnknown, ErrorCodes.Overloaded];
        api.MapPost("/captures/{captureId}/installments", (Delegate)CreateInstallmentPlan).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.InstallmentsBody)
            .Accepts<InstallmentsBody>("application/json")
            .Errors([.. writes, ErrorCodes.InvalidAmount, ErrorCodes.InvalidTransition, ErrorCodes.AprAboveCap])
            .WithSummary("Turn a capture (a purchase) into an installment plan of 3, 6, 12 or 24 periods")
            .WithDescription("The project's choices: `periods` other than 3, 6, 12 or 24 (or one the terms in force do not offer) is `400 invalid_request`; "
                + "the capture must be unbilled, or billed on a statement whose due date has not passed, and on no other plan (else `409 invalid_transition`); "
                + "its principal (captured less refunded) must be at least one fen a period (`422 invalid_amount`). The fee per period is the terms' rate on the "
                + "original principal; the total fee is rounded once, half up, and principal and fee are each spread evenly, rounded down, the rest in the last "
                + "period, so the schedule sums exactly to `principal` and `totalFee`. The first period falls on the next statement; each period's `dueDate` "
                + "(YYYY-MM-DD, China time) is the due date of the statement that bills it. `apr` is the internal rate of return of the actual flows, monthly, "
                + "times 12 (China's 2021 disclosure rule), in percent with 2 decimals, stored on the plan; above the cap (24% by default) the plan is refused "
                + "with `422 apr_above_cap` and nothing is written. A refund of the capture later reduces the periods not yet billed and prorates their fees; "
                + "fees already billed stay.");
        api.MapGet("/installments/{planId}", GetInstallmentPlan).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound)
            .WithSummary("Read an installment plan, with its schedule and disclosed APR");
        api.MapGet("/accounts/{accountId}/statements", ListStatements).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound)
            .WithSummary("An account's statements, newest first")
            .WithDescription("Statements are cut at the end of the account's billing day in China time (UTC+8) and never change once cut; only `paid` and `status` "
                + "follow the repayments made after the cut and the due date. `periodStart`, `periodEnd` and `createdAt` are RFC 3339 UTC instants, the period "
                + "being [periodStart, periodEnd); `dueDate` is a date (YYYY-MM-DD, China time), the configured number of days (9 by default) after the cut, paid on "
                + "time until the end of that day. `status`: `paid` once the new balance is repaid, `overdue` once the due date has passed with less than "
                + "`minimumDue` paid, else `open`. `corrections` (the project's addition, zero or negative) corrects an earlier statement, e.g. a plan made on a "
                + "purchase it billed: `newBalance = previousBalance + purchases − refunds + installmentsDue + fees − repayments + corrections`. `purchases` leaves "
                + "out purchases of the period turned into plans; `installmentsDue` is the installment principal and fees billed; `fees` is late fees. Balance "
                + "figures (`previousBalance`, `newBalance`) may be zero or negative (a credit balance after a refund). Purchases paid in full by the due date carry "
                + "no interest or fee.");
        api.MapGet("/statements/{statementId}", GetStatement).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound)
            .WithSummary("Read a statement (fields as in the list of an account's statements)");
        api.MapPost("/accounts/{accountId}/repayments", (Delegate)Repay).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.RepaymentBody)
            .Accepts<RepaymentBody>("application/json")
            .Errors([.. writes, ErrorCodes.InvalidAmount, ErrorCodes.CurrencyNotSupported, ErrorCodes.RepaymentExceedsBalance])
            .WithSummary("Repay: pays off late fees, installment fees due, installment principal due, the statement balance, then unbilled purchases, oldest first within each")
            .WithDescription("It restores credit by exactly the principal it pays off (`installmentPrincipal + statementBalance + unbilled`); fees never use the "
                + "limit, so paying them restores none. Installment principal not yet billed is not owed yet and is not prepaid. More than everything owed is "
                + "`422 repayment_exceeds_balance`, nothing written. `allocated`'s parts sum exactly to `amount`.");
        return app;
    }

    public static async Task<Created<InstallmentPlanResponse>> CreateInstallmentPlan(HttpContext context, string captureId)
    {
        var signed = context.Signed();
        Ids.Require(captureId, "captureId");
        var periods = RequestBody.Read(context, GatewayJson.Default.InstallmentsBody).Periods is { } count && CreditTerms.AllowedPeriodCounts.Contains(count)
            ? count
            : throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'periods' is required: one of {string.Join(", ", CreditTerms.AllowedPeriodCounts)}.");
        var plan = await signed.Channel.Client.CreateInstallmentPlanAsync(captureId, periods, signed.KeyOptions, context.RequestAborted);
        return TypedResults.Created($"/v1/installments/{plan.PlanId}", plan.ToWire());
    }

    public static async Task<Ok<InstallmentPlanResponse>> GetInstallmentPlan(HttpContext context, string planId) =>
        TypedResults.Ok((await context.Signed().Channel.Client.GetInstallmentPlanAsync(Ids.Require(planId, "planId"), context.RequestAborted)).ToWire());

    public static async Task<Ok<StatementListResponse>> ListStatements(HttpContext context, string accountId)
    {
        var statements = await context.Signed().Channel.Client.ListStatementsAsync(Ids.Require(accountId, "accountId"), context.RequestAborted);
        return TypedResults.Ok(new StatementListResponse([.. statements.Select(statement => statement.ToWire())]));
    }

    public static async Task<Ok<StatementResponse>> GetStatement(HttpContext context, string statementId) =>
        TypedResults.Ok((await context.Signed().Channel.Client.GetStatementAsync(Ids.Require(statementId, "statementId"), context.RequestAborted)).ToWire());

    public static async Task<Created<RepaymentResponse>> Repay(HttpContext context, string accountId)
    {
        var signed = context.Signed();
        Ids.Require(accountId, "accountId");
        var amount = RequestBody.Read(context, GatewayJson.Default.RepaymentBody).Amount.ToMoney("amount");
        var repayment = await signed.Channel.Client.RepayAsync(accountId, amount, signed.KeyOptions, context.RequestAborted);
        return TypedResults.Created($"/v1/accounts/{accountId}/statements", repayment.ToWire());
    }
}
