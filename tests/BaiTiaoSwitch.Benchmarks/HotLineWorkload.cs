using System.Diagnostics;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace BaiTiaoSwitch.Benchmarks;

public sealed record JournalUse(long Entities, long Calls, double AverageEntityBytes, long MaxEntityBytes)
{
    public double AverageBatch => Entities == 0 ? double.NaN : (double)Calls / Entities;

    public string Summary() =>
        $"journal: {Entities:N0} entities for {Calls:N0} authorizations = {AverageBatch:0.0} per durable write" +
        (AverageEntityBytes > 0 ? $"; entity {AverageEntityBytes / 1024:0.0} KiB avg, {MaxEntityBytes / 1024.0:0.0} KiB max in sample ({AverageEntityBytes / Math.Max(1, AverageBatch):0} B per authorization)" : "");
}

public sealed record StoredCheck(bool Ok, string Summary);

public sealed record HotLineResult(LoadResult Load, JournalUse Journal, StoredCheck Stored);

/// <summary>
/// Workload (a): one line, one card, two grants (alipay, wechatpay), many concurrent wallet callers through the SDK.
/// The limit is the largest a line may have, so nothing is declined for credit; declines would be counted apart.
/// </summary>
public static class HotLineWorkload
{
    public static readonly Merchant Shop = new("m-bench", "Bench Shop", "5411", "CN");

    public static async Task<HotLineResult> Run(BenchCluster cluster, BenchOptions options, JournalTable journal, ProcessCpu? azurite, string name)
    {
        var issuer = new BaiTiaoSwitchClient(cluster.GrainFactory, BenchCallers.Issuer);
        var accountId = "hot-" + Guid.NewGuid().ToString("N")[..12];
        await issuer.OpenAccountAsync(new OpenAccountRequest(accountId, new Holder("张三", "110101199003077777", "13800138000"), Money.Fen(Money.AmountMax), 720));
        var card = await issuer.IssueCardAsync(accountId);
        string[] channels = ["alipay", "wechatpay"];
        var grants = new string[channels.Length];
        var wallets = new BaiTiaoSwitchClient[channels.Length];
        for (var i = 0; i < channels.Length; i++)
        {
            grants[i] = (await issuer.CreateGrantAsync(card.Card.CardId, new GrantRequest(channels[i]))).GrantId;
            wallets[i] = issuer.As(BenchCallers.Wallets[channels[i]]);
        }

        var prefix = JournalTable.AccountPrefix(cluster.ServiceId, accountId);
        var entitiesBefore = await journal.Count(prefix);
        var amount = Money.Fen(options.AmountFen);
        var load = await LoadRunner.Run(name, options.HotCallers, options.Warmup, options.Measure, azurite, (caller, _) =>
        {
            var grant = caller % grants.Length;
            return wallets[grant].AuthorizeAsync(new AuthorizeRequest(grants[grant], null, amount, Shop));
        });
        var entities = await journal.Count(prefix) - entitiesBefore;
        var sizes = await journal.SampleSizes(prefix, entitiesBefore + (entities / 2), 100);
        var journalUse = new JournalUse(entities, load.CallsIncludingWarmup, sizes.AverageBytes, sizes.MaxBytes);
        var stored = await CheckStored(cluster, issuer, accountId, load, options.AmountFen);
        return new HotLineResult(load, journalUse, stored);
    }

    /// <summary>
    /// Acknowledged means durable: rebuilds the line from storage alone (snapshot blob + journal entities, bypassing the
    /// activation) and checks that every acknowledged approval is there and the live line agrees with it.
    /// </summary>
    private static async Task<StoredCheck> CheckStored(BenchCluster cluster, BaiTiaoSwitchClient issuer, string accountId, LoadResult load, long amountFen)
    {
        var live = await issuer.GetAccountAsync(accountId);
        var services = cluster.SiloServices;
        var book = new AccountBook(accountId, services.GetRequiredService<IOptions<SwitchOptions>>().Value);
        var started = Stopwatch.GetTimestamp();
        var replayed = await new AccountStore(accountId, services, book.Options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Load(book, CancellationToken.None);
        var loadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var header = book.Header;
        var acknowledged = load.ApprovedIncludingWarmup;

        // A call that failed with outcome_unknown may still have been stored, so storage may hold more, never fewer.
        var ok = header.OpenHolds >= acknowledged
            && header.OpenHolds <= acknowledged + load.Failed
            && header.Pending == header.OpenHolds * amountFen
            && live.Pending.Amount == header.Pending
            && header.CreditLimit - header.Available == header.Pending + header.Posted;
        var imageBytes = services.GetRequiredService<Orleans.Serialization.Serializer>().SerializeToArray(book.ToImage()).Length;
        var summary = $"storage: {header.OpenHolds:N0} holds stored for {acknowledged:N0} acknowledged approvals, pending {header.Pending:N0} fen " +
            $"(live {live.Pending.Amount:N0}) -> {(ok ? "durable and conserved" : "MISMATCH")}; " +
            $"rebuilt from storage in {loadSeconds:0.00} s (snapshot v{book.Version - replayed:N0} + {replayed} journal entries, {book.Authorizations.Count:N0} authorizations ({book.ClosedInHot:N0} closed), {book.Requests.Count:N0} key records in hot state; " +
            $"hot state {imageBytes / 1024.0 / 1024.0:0.0} MiB serialized; GC heap {GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0:0} MiB)";
        return new StoredCheck(ok, summary);
    }
}
