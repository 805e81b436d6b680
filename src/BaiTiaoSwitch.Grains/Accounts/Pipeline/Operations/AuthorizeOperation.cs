using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Accounts;

/// <summary>A new authorization: approved with a hold, or declined with its reason (a decline is an answer, recorded).</summary>
public sealed class AuthorizeOperation : AccountOperation<Authorization>
{
    private readonly AuthorizeCommand command;
    private readonly RiskScreen? risk;

    /// <param name="risk">The rules' step of the decision; null decides without rules (a line's own tests).</param>
    public AuthorizeOperation(AuthorizeCommand? command, RiskScreen? risk = null)
    {
        this.risk = risk;
        var amount = MoneyRules.RequirePositive(command?.Amount, "amount");
        Ids.Require(command!.GrantId, "grantId");
        Ids.Require(command.CardId, "cardId");
        var merchant = (command.Merchant ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'merchant' is required.")).Validated();
        var device = command.Device?.Validated();
        this.command = command with { Amount = amount, Merchant = merchant, Device = device };
        Fingerprint = FingerprintOf(command.GrantId, amount.Amount, amount.Currency, merchant.Id, merchant.Name, merchant.Mcc, merchant.Country, device?.Id, device?.Ip);
    }

    public override OperationKind Kind => OperationKind.Authorize;

    public override string Fingerprint { get; }

    public override ValueTask Prepare(AccountBook book, Caller caller)
    {
        LineChecks.RequireOpened(book);
        LineChecks.RequireCurrency(book, command.Amount, "amount");
        LineChecks.RequireOwnGrant(book, caller, command.GrantId);
        return ValueTask.CompletedTask;
    }

    public override Authorization Decide(DecisionContext context)
    {
        var record = Holds.Authorize(context.Book, context.Caller.Channel, context.Scope, command, context.Now, risk);
        var findings = risk?.Findings ?? [];
        LineEvents.Decided(context.Book, record, command.Merchant, command.Device, context.Now, [.. findings.Select(finding => finding.Firing)]);
        foreach (var finding in findings.Where(finding => finding.RaisesAlert))
        {
            LineEvents.RuleFired(context.Book, record, command.Merchant, finding, context.Now);
        }

        return record.ToView(context.Book.Currency);
    }

    public override IdempotencyRecord ToRecord(string scope, Authorization result, DateTimeOffset now) =>
        new(scope, Kind, Fingerprint, now, result, null, null);

    public override Authorization FromRecord(IdempotencyRecord record) => record.Authorization!;
}
