using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Gateway.Cards;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Accounts;

/// <summary>Issuer routes on credit accounts (白条账户), and issuing cards on them.</summary>
public static class AccountsApi
{
    /// <summary>The billing day's range (API.md): every month has days 1 to 28.</summary>
    public const int BillingDayMin = 1;

    public const int BillingDayMax = 28;

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapV1("Accounts");
        api.MapPost("/accounts", (Delegate)Open).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.OpenAccountBody).Accepts<OpenAccountBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.InvalidAmount, ErrorCodes.CurrencyNotSupported, ErrorCodes.AccountExists, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Open a credit line")
            .WithDescription("`billingDay` is optional: the day of the month, 1 to 28, on whose end (China time) the account's statements are cut; left out, "
                + "the credit terms' default (1). Out of 1 to 28 it is `400 invalid_request` and nothing is opened. Every Account answer carries `billingDay`, "
                + "`creditScore` and `installmentsOutstanding` (the installment principal not yet repaid, part of `posted`).");
        api.MapGet("/accounts/{accountId}", Get).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound)
            .WithSummary("Read an account");
        api.MapPut("/accounts/{accountId}/credit-limit", ChangeCreditLimit).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.CreditLimitBody).Accepts<CreditLimitBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.InvalidAmount, ErrorCodes.CurrencyNotSupported, ErrorCodes.AccountNotActive, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Change the credit limit (lowering below use is allowed: it blocks approvals until use falls)");
        api.MapPut("/accounts/{accountId}/credit-score", ChangeCreditScore).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.CreditScoreBody).Accepts<CreditScoreBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Set the holder's credit score (an integer from 0 to 1000; else 400 invalid_request): a score that moves into another band puts "
                + "that band's percent of the limit the issuer last set in force; a move within a band changes no limit, and a limit the issuer sets (at opening or with credit-limit) is in force as set (default bands: 700+ 100%, 600-699 80%, 500-599 50%, below 500 20%, rounded down to the fen); "
                + "a move to a lower band raises a credit_score_drop alert; a limit below current use blocks approvals until use falls");
        api.MapPost("/accounts/{accountId}/freeze", Freeze).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.EmptyBody).Accepts<EmptyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.InvalidTransition, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Freeze an account: no new approval through it");
        api.MapPost("/accounts/{accountId}/unfreeze", Unfreeze).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.EmptyBody).Accepts<EmptyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.InvalidTransition, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Unfreeze an account");
        api.MapPost("/accounts/{accountId}/cards", IssueCard).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.EmptyBody).Accepts<EmptyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.AccountNotActive, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Issue a virtual card (分卡); the answer holds cardNumber, the only time it is ever returned");
        return app;
    }

    public static async Task<Created<AccountResponse>> Open(HttpContext context)
    {
        var signed = context.Signed();
        var body = RequestBody.Read(context, GatewayJson.Default.OpenAccountBody);
        var accountId = Ids.Require(body.AccountId, "accountId");
        var holder = body.Holder.ToHolder();
        var limit = body.CreditLimit.ToMoney("creditLimit");
        var score = CreditScores.Require(body.CreditScore);
        var billingDay = body.BillingDay switch
        {
            null => (int?)null,
            >= BillingDayMin and <= BillingDayMax => body.BillingDay,
            _ => throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'billingDay' is optional; given, it is the day of the month the statements are cut, from {BillingDayMin} to {BillingDayMax}."),
        };
        var account = await signed.Channel.Client.OpenAccountAsync(new OpenAccountRequest(accountId, holder, limit, score, billingDay), signed.KeyOptions, context.RequestAborted);
        return TypedResults.Created($"/v1/accounts/{accountId}", account.ToWire());
    }

    public static async Task<Ok<AccountResponse>> Get(HttpContext context, string accountId) =>
        TypedResults.Ok((await context.Signed().Channel.Client.GetAccountAsync(Ids.Require(accountId, "accountId"), context.RequestAborted)).ToWire());

    public static async Task<Ok<AccountResponse>> ChangeCreditLimit(HttpContext context, string accountId)
    {
        var signed = context.Signed();
        Ids.Require(accountId, "accountId");
        var limit = RequestBody.Read(context, GatewayJson.Default.CreditLimitBody).CreditLimit.ToMoney("creditLimit");
        return TypedResults.Ok((await signed.Channel.Client.ChangeCreditLimitAsync(accountId, limit, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    public static async Task<Ok<AccountResponse>> ChangeCreditScore(HttpContext context, string accountId)
    {
        var signed = context.Signed();
        Ids.Require(accountId, "accountId");
        var score = CreditScores.Require(RequestBody.Read(context, GatewayJson.Default.CreditScoreBody).CreditScore);
        return TypedResults.Ok((await signed.Channel.Client.ChangeCreditScoreAsync(accountId, score, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    public static async Task<Ok<AccountResponse>> Freeze(HttpContext context, string accountId)
    {
        var signed = context.Signed();
        Ids.Require(accountId, "accountId");
        RequestBody.Read(context, GatewayJson.Default.EmptyBody);
        return TypedResults.Ok((await signed.Channel.Client.FreezeAccountAsync(accountId, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    public static async Task<Ok<AccountResponse>> Unfreeze(HttpContext context, string accountId)
    {
        var signed = context.Signed();
        Ids.Require(accountId, "accountId");
        RequestBody.Read(context, GatewayJson.Default.EmptyBody);
        return TypedResults.Ok((await signed.Channel.Client.UnfreezeAccountAsync(accountId, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    public static async Task<Created<CardResponse>> IssueCard(HttpContext context, string accountId)
    {
        var signed = context.Signed();
        Ids.Require(accountId, "accountId");
        RequestBody.Read(context, GatewayJson.Default.EmptyBody);
        var issued = await signed.Channel.Client.IssueCardAsync(accountId, signed.KeyOptions, context.RequestAborted);
        return TypedResults.Created($"/v1/cards/{issued.Card.CardId}", issued.Card.ToWire(issued.CardNumber));
    }
}
