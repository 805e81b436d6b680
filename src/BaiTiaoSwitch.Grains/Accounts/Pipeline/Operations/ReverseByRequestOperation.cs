using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Reverses the authorization that the request with <c>originalKey</c> made, when its answer never came back.
/// The rule (docs/concepts.md, "Reversal by request key"):
/// <list type="bullet">
/// <item>the original key's record says what it made: an authorization is reversed if still pending (else shown as it
/// is), a tombstone is shown again, any other operation is not an authorization (not_found; nothing is overwritten);</item>
/// <item>with no record (pruned after the key retention), the authorization made by that key is found by its own
/// request scope while it is in hot state, which every pending hold is: an open hold is always reversed;</item>
/// <item>with no trace at all, a tombstone is recorded under the original key, so the authorization, if it ever
/// arrives, takes no credit. It lives as long as a key record does (at least the key retention).</item>
/// </list>
/// </summary>
public sealed class ReverseByRequestOperation(AuthorizationLocator locator, string grantId, string originalKey, RequestRecords requests, IRequestArchive archive)
    : AccountOperation<Authorization>
{
    private readonly string grantId = Ids.Require(grantId, "grantId");
    private readonly string originalKey = Ids.Require(originalKey, "originalIdempotencyKey");
    private AuthorizationRecord? archived;
    private IdempotencyRecord? coldOriginal;

    public override OperationKind Kind => OperationKind.ReverseByRequest;

    public override string Fingerprint => FingerprintOf("by-request", grantId, originalKey);

    public override async ValueTask Prepare(AccountBook book, Caller caller)
    {
        LineChecks.RequireOpened(book);
        LineChecks.RequireOwnGrant(book, caller, grantId);
        var originalScope = IdempotencyRecord.ScopeOf(caller.Channel, originalKey);

        // The original request may be being decided right now: its answer comes first.
        await requests.WhenSettled(originalScope);
        var original = book.Requests.Find(originalScope) ?? (coldOriginal = await archive.Find(book.Header.AccountId, originalScope));
        if (original is { Kind: OperationKind.Authorize, Authorization: { } made } && !book.Authorizations.ContainsKey(made.AuthorizationId))
        {
            archived = await locator.FindArchived(made.AuthorizationId);
        }
    }

    public override Authorization Decide(DecisionContext context)
    {
        var book = context.Book;
        var originalScope = IdempotencyRecord.ScopeOf(context.Caller.Channel, originalKey);
        if (requests.IsClaimed(originalScope))
        {
            throw new SwitchOverloadedException("The request being reversed is being decided right now; retry with the same idempotency key.");
        }

        var made = (book.Requests.Find(originalScope) ?? coldOriginal) switch
        {
            { Kind: OperationKind.Tombstone, Authorization: { } tombstone } => (Record: null, View: tombstone),
            { Kind: OperationKind.Authorize, Authorization: { } original } => (Record: book.Authorizations.GetValueOrDefault(original.AuthorizationId) ?? archived, View: original),
            { } => throw new NotFoundException("No authorization was made with that idempotency key."),
            null => (Record: book.FindByRequest(originalScope), View: null),
        };
        if (made.Record is { } record)
        {
            return record.Status == AuthorizationStatus.Pending
                ? Holds.Reverse(book, record, null, context.Now).ToView(book.Currency)
                : record.ToView(book.Currency);
        }

        if (made.View is { } view)
        {
            return view;
        }

        var tombstoneView = Holds.Tombstone(book, context.Caller.Channel, grantId, originalScope, context.Now).ToView(book.Currency);
        requests.Put(new IdempotencyRecord(originalScope, OperationKind.Tombstone, "", context.Now, tombstoneView, null, null));
        return tombstoneView;
    }

    public override IdempotencyRecord ToRecord(string scope, Authorization result, DateTimeOffset now) => new(scope, Kind, Fingerprint, now, result, null, null);

    public override Authorization FromRecord(IdempotencyRecord record) => record.Authorization!;
}
