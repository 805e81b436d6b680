using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Security;
using Microsoft.Extensions.Time.Testing;

namespace BaiTiaoSwitch.Tests.Model;

/// <summary>
/// The real account logic, in memory: the same book, request records, group committer and pipeline the grain uses,
/// with storage that is durable at once and a key namespace in a dictionary.
/// </summary>
public sealed class RealLine
{
    public static readonly string[] Channels = ["alipay", "wechatpay"];
    private readonly MoneyPipeline pipeline;
    private long revision = 1;

    public RealLine(long limit, SwitchOptions options, FakeTimeProvider clock)
    {
        Clock = clock;
        Book = new AccountBook("model-acct", options);
        Book.SetHeader(new AccountHeader("model-acct", AccountStatus.Active, Money.Cny, limit, 0, 0, 0, 0, 700,
            new HolderRecord(new ProtectedValue("k", [], [], []), new ProtectedValue("k", [], [], []), new ProtectedValue("k", [], [], []), "n", "i", "p"),
            SpendLimits.None, 1, clock.GetUtcNow(), 0));
        PolicyCopies.Upsert(Book, new CardPolicy("card-1", CardStatus.Active, SpendLimits.None, 1));
        for (var grant = 0; grant < Channels.Length; grant++)
        {
            SetGrant(grant, active: true, null, null);
        }

        Requests = new RequestRecords(Book);
        Locator = new AuthorizationLocator(Book, grains: null!);
        AccountClock = new AccountClock(clock, Book);
        pipeline = new MoneyPipeline(Book, Requests, new GroupCommitter(Book, new InstantStore()), new MemoryKeyStore(), new NoArchive(), AccountClock, clock);
    }

    public AccountBook Book { get; }

    public RequestRecords Requests { get; }

    public AuthorizationLocator Locator { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The line's clock, as the grain has it: the switch's time plus the sandbox offset in its header.</summary>
    public AccountClock AccountClock { get; }

    public static string GrantId(int grant) => "gr_g" + grant;

    public void SetGrant(int grant, bool active, long? perTransactionMax, int? dailyCountMax) =>
        PolicyCopies.Upsert(Book, new GrantPolicy(GrantId(grant), "card-1", Channels[grant], active ? GrantStatus.Active : GrantStatus.Suspended,
            new SpendLimits(PerTransactionMax: perTransactionMax, DailyCountMax: dailyCountMax), [], null, ++revision));

    public Outcome Run<TResult>(Caller caller, string key, AccountOperation<TResult> operation, Func<TResult, Outcome> view)
    {
        try
        {
            return view(pipeline.Run(caller, key, operation).GetAwaiter().GetResult());
        }
        catch (SwitchException refusal)
        {
            return Outcome.Error(refusal.Code);
        }
    }

    public Outcome View(Authorization authorization) =>
        new($"auth:{authorization.Status.ToString().ToLowerInvariant()}:{authorization.Reason?.ToString() ?? "approved"}",
            authorization.Amount.Amount, authorization.Captured.Amount, authorization.Reversed.Amount, authorization.AvailableCredit.Amount);

    public static Outcome View(Capture capture) => new($"capture:overLimit={capture.OverLimit}", capture.Amount.Amount);

    public static Outcome View(Refund refund) => new("refund", refund.Amount.Amount);

    public static Outcome View(AccountSnapshot account) =>
        new("account:" + account.Status + ":score=" + account.CreditScore, account.CreditLimit.Amount, Available: account.Available.Amount);

    private sealed class InstantStore : IAccountStore
    {
        public bool WantsSnapshot(long version) => false;

        public Task Write(AccountImage changes, AccountImage? image) => Task.CompletedTask;

        public Task<bool> IsCurrent() => Task.FromResult(true);
    }

    /// <summary>The model keeps every key record hot (nothing is moved in a model run).</summary>
    private sealed class NoArchive : IRequestArchive
    {
        public Task Put(string accountId, IReadOnlyList<IdempotencyRecord> records) => throw new InvalidOperationException("Nothing is moved in a model run.");

        public Task<IdempotencyRecord?> Find(string accountId, string scope) => Task.FromResult<IdempotencyRecord?>(null);

        public Task<int> Sweep(string accountId, DateTimeOffset cutoff, int countMax) => Task.FromResult(0);
    }

    private sealed class MemoryKeyStore : IRequestKeyStore
    {
        private readonly Dictionary<(string, string), (string Owner, string Fingerprint)> claims = [];

        public Task<KeyClaim> Claim(string channel, string key, string owner, string fingerprint, CancellationToken cancellationToken = default)
        {
            if (claims.TryGetValue((channel, key), out var held))
            {
                return Task.FromResult(held.Owner == owner ? new KeyClaim(KeyClaimOutcome.AlreadyYours, held.Fingerprint) : new KeyClaim(KeyClaimOutcome.UsedElsewhere, null));
            }

            claims[(channel, key)] = (owner, fingerprint);
            return Task.FromResult(new KeyClaim(KeyClaimOutcome.Claimed, fingerprint));
        }

        public Task StoreAnswers(IReadOnlyList<KeyAnswer> answers, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<byte[]?> FindAnswer(string channel, string key, string owner, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);
    }
}
