using BaiTiaoSwitch.Bindings;

namespace BaiTiaoSwitch.Accounts;

// The binding feature's view of a credit account. It lives with the binding code; the account's own contract is
// untouched. Reading needs no ordering with payments: holder, status and score change only through the account's
// lifecycle calls, and the answer waits until what it read is durable.
public sealed partial class CreditAccountGrain : IHolderVerificationGrain
{
    public async Task<HolderCheck> CheckHolder(Holder candidate)
    {
        var header = book.Header;
        if (!header.IsOpened || candidate is null)
        {
            return new HolderCheck(false, false, header.Status, 0);
        }

        var matches = header.Holder!.Matches(candidate, protector);
        await committer.WhenDurable();
        return new HolderCheck(true, matches, header.Status, header.CreditScore);
    }
}
