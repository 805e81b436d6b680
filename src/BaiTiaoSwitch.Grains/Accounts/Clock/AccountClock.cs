namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The account's clock: the switch's <see cref="TimeProvider"/> plus the line's sandbox offset (journaled in its header;
/// zero outside sandbox mode). Every time the account reads — hold expiry, limit windows, capture times, key records,
/// period buckets — comes from here, so advancing a sandbox account's clock moves all of them together.
/// </summary>
public sealed class AccountClock(TimeProvider switchClock, AccountBook book) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => switchClock.GetUtcNow().AddSeconds(book.Header.ClockOffsetSeconds);
}
