using BaiTiaoSwitch.Payments;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// How a key's answer (<see cref="IdempotencyRecord"/>) is kept on its claim row once it leaves hot state, without what
/// the row already says: the scope is the row's own channel and key, so it is left out and given back on reading.
/// An answer that is an authorization view and nothing else (authorize, increment, reverse, tombstone: no captures, one
/// currency) is written field by field (<see cref="Compact"/>: about 130 bytes, not the 276 of Orleans' format with the
/// scope, the type names and the currency five times); any other answer is Orleans' binary format. The compact form is
/// used only when it reads back to the very record (compared in Orleans' format), so a field added to the record later
/// falls back to Orleans' format instead of being lost. Rows written before this form (Orleans' format of the whole
/// record, which never starts with either tag) are read as they are.
/// </summary>
public static class KeyAnswerForm
{
    private const byte OrleansTag = 0xB0;
    private const byte CompactTag = 0xB1;

    public static byte[] Write(IdempotencyRecord record, Serializer serializer)
    {
        var unscoped = record with { Scope = "" };
        var full = serializer.SerializeToArray(unscoped);
        if (Compact(unscoped) is { } compact && serializer.SerializeToArray(ReadCompact(compact, "")).AsSpan().SequenceEqual(full))
        {
            return compact;
        }

        return [OrleansTag, .. full];
    }

    public static IdempotencyRecord Read(byte[] stored, string scope, Serializer serializer) => stored switch
    {
        [CompactTag, ..] => ReadCompact(stored, scope),
        [OrleansTag, ..] => Whole(serializer.Deserialize<IdempotencyRecord?>(stored.AsMemory(1))) with { Scope = scope },
        _ => Whole(serializer.Deserialize<IdempotencyRecord?>(stored)),
    };

    private static IdempotencyRecord Whole(IdempotencyRecord? record) => record ?? throw new InvalidOperationException("A key's stored answer is empty.");

    /// <summary>The compact form, or null when the record holds more than one authorization view with no captures in one currency.</summary>
    private static byte[]? Compact(IdempotencyRecord record)
    {
        if (record is not { Authorization: { Captures.Count: 0 } view, Capture: null, Refund: null, Account: null, RefusalCode: null, RefusalMessage: null }
            || new[] { view.Captured, view.Reversed, view.Refunded, view.AvailableCredit }.Any(money => money.Currency != view.Amount.Currency))
        {
            return null;
        }

        using var buffer = new MemoryStream(160);
        using var writer = new BinaryWriter(buffer);
        writer.Write(CompactTag);
        writer.Write7BitEncodedInt((int)record.Kind);
        writer.Write(record.Fingerprint);
        Write(writer, record.CreatedAt);
        writer.Write(view.AuthorizationId);
        writer.Write(view.GrantId);
        writer.Write7BitEncodedInt((int)view.Status);
        writer.Write7BitEncodedInt((int)view.Decision);
        writer.Write7BitEncodedInt(view.Reason is { } reason ? (int)reason + 1 : 0);
        writer.Write(view.Amount.Currency);
        // Zigzag, so a small negative amount (credit past the limit) is a byte or two too.
        foreach (var amount in new[] { view.Amount, view.Captured, view.Reversed, view.Refunded, view.AvailableCredit })
        {
            writer.Write7BitEncodedInt64((amount.Amount << 1) ^ (amount.Amount >> 63));
        }

        Write(writer, view.CreatedAt);
        writer.Write(view.ExpiresAt.HasValue);
        if (view.ExpiresAt is { } expires)
        {
            Write(writer, expires);
        }

        writer.Flush();
        return buffer.ToArray();
    }

    private static IdempotencyRecord ReadCompact(byte[] stored, string scope)
    {
        using var reader = new BinaryReader(new MemoryStream(stored, 1, stored.Length - 1, writable: false));
        var kind = (OperationKind)reader.Read7BitEncodedInt();
        var fingerprint = reader.ReadString();
        var createdAt = ReadInstant(reader);
        var authorizationId = reader.ReadString();
        var grantId = reader.ReadString();
        var status = (AuthorizationStatus)reader.Read7BitEncodedInt();
        var decision = (Decision)reader.Read7BitEncodedInt();
        var reason = reader.Read7BitEncodedInt() is var code and > 0 ? (DeclineReason?)(code - 1) : null;
        var currency = reader.ReadString();
        var amounts = Enumerable.Range(0, 5).Select(_ => reader.Read7BitEncodedInt64()).Select(zigzag => new Money((long)((ulong)zigzag >> 1) ^ -(zigzag & 1), currency)).ToArray();
        var viewCreatedAt = ReadInstant(reader);
        var expiresAt = reader.ReadBoolean() ? ReadInstant(reader) : (DateTimeOffset?)null;
        var view = new Authorization(authorizationId, grantId, status, decision, reason, amounts[0], amounts[1], amounts[2], amounts[3], amounts[4], viewCreatedAt, expiresAt, []);
        return new IdempotencyRecord(scope, kind, fingerprint, createdAt, view, null, null);
    }

    private static void Write(BinaryWriter writer, DateTimeOffset instant)
    {
        writer.Write(instant.UtcTicks);
        writer.Write((short)instant.Offset.TotalMinutes);
    }

    private static DateTimeOffset ReadInstant(BinaryReader reader)
    {
        var ticks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        return new DateTimeOffset(ticks + offset.Ticks, offset);
    }
}
