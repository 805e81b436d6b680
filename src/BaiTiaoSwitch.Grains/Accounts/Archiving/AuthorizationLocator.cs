using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>Finds an authorization of the line in hot state or in the archive, as the caller may see it.</summary>
public sealed class AuthorizationLocator(AccountBook book, IGrainFactory grains)
{
    /// <summary>
    /// The record, or not_found when it does not exist or belongs to another wallet channel (never told apart). With
    /// <paramref name="restore"/>, an archived record is brought back into hot state so that it can change.
    /// </summary>
    public async Task<AuthorizationRecord> Find(Caller caller, string authorizationId, bool restore)
    {
        var record = book.Authorizations.GetValueOrDefault(authorizationId) ?? await FindArchived(authorizationId) ?? throw NotFound();
        if (!caller.IsIssuer && record.Channel != caller.Channel)
        {
            throw NotFound();
        }

        return restore ? Archiving.Restore(book, record) : record;
    }

    public Task<AuthorizationRecord?> FindArchived(string authorizationId) =>
        SequenceOf(authorizationId) is { } sequence
            ? grains.GetGrain<IAuthorizationArchiveGrain>(IAuthorizationArchiveGrain.KeyOf(book.Header.AccountId, sequence)).Find(authorizationId)
            : Task.FromResult<AuthorizationRecord?>(null);

    private static NotFoundException NotFound() => new("No such authorization.");

    /// <summary>The sequence number at the end of an authorization id (base 36), or null if the id is not ours.</summary>
    private static long? SequenceOf(string authorizationId)
    {
        var last = authorizationId.LastIndexOf('_');
        if (last < 0 || last == authorizationId.Length - 1)
        {
            return null;
        }

        long value = 0;
        foreach (var c in authorizationId.AsSpan(last + 1))
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterLower(c) ? c - 'a' + 10 : -1;
            if (digit < 0 || value > long.MaxValue / 36)
            {
                return null;
            }

            value = (value * 36) + digit;
        }

        return value;
    }
}
