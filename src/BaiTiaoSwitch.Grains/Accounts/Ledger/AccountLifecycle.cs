using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Accounts;

/// <summary>The operations on the line itself. Each one is validated here, before it reaches the pipeline.</summary>
public static class AccountLifecycle
{
    public static LifecycleOperation Open(OpenAccountRequest? request, string accountId, FieldProtector protector, Credit.CreditTerms terms)
    {
        if (request is null || request.AccountId != accountId)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'accountId' must be the id of the account being opened.");
        }

        Ids.Require(request.AccountId, "accountId");
        request.Holder?.Validated();
        var limit = MoneyRules.RequirePositive(request.CreditLimit, "creditLimit");
        if (request.Holder is null)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'holder' is required.");
        }

        CreditScores.Require(request.CreditScore);
        var billingDay = Credit.StatementPeriods.For(request.BillingDay, terms).BillingDay;

        var holder = HolderRecord.Protect(request.Holder, protector);

        // Keyed hashes, never the holder's values: a fingerprint is kept with the key's record.
        var fingerprint = LifecycleOperation.FingerprintFor("open", accountId, holder.NameHash, holder.IdNumberHash, holder.PhoneHash, limit.Amount, limit.Currency, request.CreditScore, billingDay);
        return new LifecycleOperation(OperationKind.Open, fingerprint, (book, now) =>
        {
            var header = book.Header;
            if (!header.IsOpened)
            {
                book.SetHeader(new AccountHeader(accountId, AccountStatus.Active, limit.Currency, limit.Amount, 0, 0, 0, 0,
                    request.CreditScore, holder, SpendLimits.None, 1, now, 0, IssuerCreditLimit: limit.Amount, BillingDay: billingDay));
            }
            else if (!header.Holder!.Matches(request.Holder, protector) || header.CreditScore != request.CreditScore || header.Currency != limit.Currency
                || (header.BillingDay != 0 && header.BillingDay != billingDay))
            {
                throw new OperationRejectedException(ErrorCodes.AccountExists, "An account with this id is already open with other details; choose another account id.");
            }
        }, requiresOpened: false);
    }

    public static LifecycleOperation Freeze() => Transition(OperationKind.Freeze, AccountStatus.Frozen, AccountStatus.Active, AccountStatus.Frozen);

    public static LifecycleOperation Unfreeze() => Transition(OperationKind.Unfreeze, AccountStatus.Active, AccountStatus.Active, AccountStatus.Frozen);

    public static LifecycleOperation Close() => Transition(OperationKind.Close, AccountStatus.Closed, AccountStatus.Active, AccountStatus.Frozen, AccountStatus.Closed);

    /// <summary>
    /// The issuer's new limit, in force as set: the issuer sets a limit knowing the holder's score. A later score change
    /// into another band puts that band's share of this limit in force (<see cref="CreditScoreChange"/>).
    /// </summary>
    public static LifecycleOperation ChangeCreditLimit(AccountBook book, Money creditLimit)
    {
        var limit = LineChecks.RequireCurrency(book, MoneyRules.RequirePositive(creditLimit, "creditLimit"), "creditLimit");
        return new LifecycleOperation(OperationKind.ChangeCreditLimit, LifecycleOperation.FingerprintFor("credit-limit", limit.Amount, limit.Currency),
            (line, _) => line.SetHeader(line.Header with { IssuerCreditLimit = limit.Amount, CreditLimit = limit.Amount }));
    }

    public static LifecycleOperation SetLimits(SpendLimits? limits)
    {
        var valid = (limits ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'limits' is required.")).Validated("limits");
        return new LifecycleOperation(OperationKind.SetLimits, LifecycleOperation.FingerprintFor("limits", valid.PerTransactionMax, valid.DailyAmountMax,
            valid.DailyCountMax, valid.MonthlyAmountMax, valid.MonthlyCountMax), (line, _) => line.SetHeader(line.Header with { Limits = valid }));
    }

    private static LifecycleOperation Transition(OperationKind kind, AccountStatus target, params AccountStatus[] from) =>
        new(kind, LifecycleOperation.FingerprintFor(kind), (book, _) =>
        {
            if (!from.Contains(book.Header.Status))
            {
                throw new OperationRejectedException(ErrorCodes.InvalidTransition,
                    $"A {book.Header.Status.ToString().ToLowerInvariant()} account cannot become {target.ToString().ToLowerInvariant()}.");
            }

            if (book.Header.Status != target)
            {
                book.SetHeader(book.Header with { Status = target });
            }
        });
}
