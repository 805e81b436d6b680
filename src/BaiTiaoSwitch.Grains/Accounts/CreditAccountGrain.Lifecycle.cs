namespace BaiTiaoSwitch.Accounts;

// The line itself: opening, status, limits and score, the holder check, and the policy copies of cards and grants.
public sealed partial class CreditAccountGrain
{
    public async Task<AccountSnapshot> Open(string idempotencyKey, OpenAccountRequest request)
    {
        var open = AccountLifecycle.Open(request, this.GetPrimaryKeyString(), protector, book.Options.CreditTerms);
        var snapshot = await Run(idempotencyKey, open);
        await KeepUpkeepReminder();
        return snapshot;
    }

    public async Task<AccountSnapshot> GetSnapshot()
    {
        LineChecks.RequireOpened(book);
        var snapshot = AccountViews.Snapshot(book);
        await pipeline.Durable();
        return snapshot;
    }

    public Task<AccountSnapshot> Freeze(string idempotencyKey) => Run(idempotencyKey, AccountLifecycle.Freeze());

    public Task<AccountSnapshot> Unfreeze(string idempotencyKey) => Run(idempotencyKey, AccountLifecycle.Unfreeze());

    public async Task<AccountSnapshot> Close(string idempotencyKey)
    {
        var snapshot = await Run(idempotencyKey, AccountLifecycle.Close());
        await DropReminderIfDone();
        return snapshot;
    }

    public Task<AccountSnapshot> ChangeCreditLimit(string idempotencyKey, Money creditLimit) =>
        Run(idempotencyKey, AccountLifecycle.ChangeCreditLimit(book, creditLimit));

    public Task<AccountSnapshot> ChangeCreditScore(string idempotencyKey, int creditScore) => Run(idempotencyKey, CreditScoreChange.Change(creditScore, bands));

    public Task<AccountSnapshot> SetLimits(string idempotencyKey, SpendLimits limits) => Run(idempotencyKey, AccountLifecycle.SetLimits(limits));

    public async Task<HolderCheck> CheckHolder(Holder candidate)
    {
        // Holder, status and score change only through lifecycle calls; the answer waits until what it read is durable.
        var header = book.Header;
        if (!header.IsOpened || candidate is null)
        {
            return new HolderCheck(false, false, header.Status, 0);
        }

        var check = new HolderCheck(true, header.Holder!.Matches(candidate, protector), header.Status, header.CreditScore);
        await pipeline.Durable();
        return check;
    }

    public async Task UpsertCardPolicy(CardPolicy policy)
    {
        LineChecks.RequireOpened(book);
        PolicyCopies.Upsert(book, policy);
        await Durable();
    }

    public async Task UpsertGrantPolicy(GrantPolicy policy)
    {
        LineChecks.RequireOpened(book);
        PolicyCopies.Upsert(book, policy);
        await Durable();
    }
}
