namespace BaiTiaoSwitch.Accounts;

/// <summary>What an operation's decide step works with: the line, the request's caller and scope, and the time.</summary>
public sealed record DecisionContext(AccountBook Book, RequestRecords Requests, Caller Caller, string Scope, DateTimeOffset Now);

/// <summary>
/// One operation on a line, in the shape of a jPOS participant: it was validated when it was built (bad input never
/// reaches the pipeline), it may prepare (read-only checks, or bring an archived authorization back), and it decides in
/// one synchronous step. <see cref="MoneyPipeline"/> does everything else, the same way for every operation.
/// </summary>
public abstract class AccountOperation<TResult>
{
    public abstract OperationKind Kind { get; }

    /// <summary>What the request was, so the same key with another request is refused.</summary>
    public abstract string Fingerprint { get; }

    /// <summary>
    /// Checks that need no key and write nothing (the account is open, the caller may see the object). Runs after
    /// the key is claimed locally; a refusal here (not_found) is not recorded, and the key stays free.
    /// </summary>
    public virtual ValueTask Prepare(AccountBook book, Caller caller) => ValueTask.CompletedTask;

    /// <summary>The decision. Synchronous: no await between reading the line and changing it. May throw a refusal.</summary>
    public abstract TResult Decide(DecisionContext context);

    public abstract IdempotencyRecord ToRecord(string scope, TResult result, DateTimeOffset now);

    public abstract TResult FromRecord(IdempotencyRecord record);

    protected static string FingerprintOf(params object?[] parts)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', parts)), hash);
        return Convert.ToHexString(hash[..16]);
    }
}
