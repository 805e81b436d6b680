using System.Buffers.Binary;

namespace BaiTiaoSwitch.RequestKeys;

public enum KeyLogRecordKind : byte
{
    /// <summary>First record of a segment: when it was opened (the switch's time), so it rolls on time.</summary>
    Opened = 0,

    /// <summary>A key claimed by an owner with a fingerprint.</summary>
    Claimed = 1,

    /// <summary>An owner's answer for its key, kept for late replays; an unclaimed answer also claims the key.</summary>
    Answered = 2,

    /// <summary>Last record of a segment: nothing may follow, the next segment carries on.</summary>
    Closed = 3,
}

/// <summary>
/// One record of a key segment, in a fixed little-endian binary form (records are appended in blocks and read back in
/// order). An answer's bytes stay in the segment: <see cref="AnswerOffset"/> and <see cref="AnswerLength"/> locate them.
/// Times are whole seconds since the Unix epoch.
/// </summary>
public readonly record struct KeyLogRecord(
    KeyLogRecordKind Kind, UInt128 Key, ulong Owner, UInt128 Fingerprint, long AtSeconds, bool AnswerClaims = true, int AnswerOffset = 0, int AnswerLength = 0)
{
    private const int DigestBytes = 16;
    private const int ClaimedBytes = 1 + DigestBytes + 8 + DigestBytes + 8;
    private const int AnswerHeaderBytes = 1 + DigestBytes + 8 + 8 + 1 + 4;

    public static int SizeOfClaim => ClaimedBytes;

    public static int SizeOfAnswer(int answerLength) => AnswerHeaderBytes + answerLength;

    public static void WriteOpened(Stream stream, long atSeconds)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = (byte)KeyLogRecordKind.Opened;
        BinaryPrimitives.WriteInt64LittleEndian(bytes[1..], atSeconds);
        stream.Write(bytes);
    }

    public static void WriteClaimed(Stream stream, UInt128 key, ulong owner, UInt128 fingerprint, long atSeconds)
    {
        Span<byte> bytes = stackalloc byte[ClaimedBytes];
        bytes[0] = (byte)KeyLogRecordKind.Claimed;
        BinaryPrimitives.WriteUInt128LittleEndian(bytes[1..], key);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[17..], owner);
        BinaryPrimitives.WriteUInt128LittleEndian(bytes[25..], fingerprint);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[41..], atSeconds);
        stream.Write(bytes);
    }

    /// <summary>Writes an answer record; returns where its bytes start, relative to the stream's position before.</summary>
    public static int WriteAnswered(Stream stream, UInt128 key, ulong owner, long atSeconds, bool claims, ReadOnlySpan<byte> answer)
    {
        Span<byte> bytes = stackalloc byte[AnswerHeaderBytes];
        bytes[0] = (byte)KeyLogRecordKind.Answered;
        BinaryPrimitives.WriteUInt128LittleEndian(bytes[1..], key);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[17..], owner);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[25..], atSeconds);
        bytes[33] = claims ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(bytes[34..], answer.Length);
        stream.Write(bytes);
        stream.Write(answer);
        return AnswerHeaderBytes;
    }

    public static void WriteClosed(Stream stream) => stream.WriteByte((byte)KeyLogRecordKind.Closed);

    /// <summary>Every record of a segment's bytes, in order. A torn or unknown record is corruption, not data: it throws.</summary>
    public static IEnumerable<KeyLogRecord> ReadAll(ReadOnlyMemory<byte> segment)
    {
        var position = 0;
        while (position < segment.Length)
        {
            var (record, length) = ReadOne(segment.Span[position..], position);
            yield return record;
            position += length;
        }
    }

    private static (KeyLogRecord Record, int Length) ReadOne(ReadOnlySpan<byte> bytes, int position)
    {
        var kind = (KeyLogRecordKind)bytes[0];
        switch (kind)
        {
            case KeyLogRecordKind.Opened:
                Need(bytes, 9);
                return (new KeyLogRecord(kind, 0, 0, 0, BinaryPrimitives.ReadInt64LittleEndian(bytes[1..])), 9);
            case KeyLogRecordKind.Claimed:
                Need(bytes, ClaimedBytes);
                return (new KeyLogRecord(kind, BinaryPrimitives.ReadUInt128LittleEndian(bytes[1..]), BinaryPrimitives.ReadUInt64LittleEndian(bytes[17..]),
                    BinaryPrimitives.ReadUInt128LittleEndian(bytes[25..]), BinaryPrimitives.ReadInt64LittleEndian(bytes[41..])), ClaimedBytes);
            case KeyLogRecordKind.Answered:
                Need(bytes, AnswerHeaderBytes);
                var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[34..]);
                Need(bytes, AnswerHeaderBytes + length);
                return (new KeyLogRecord(kind, BinaryPrimitives.ReadUInt128LittleEndian(bytes[1..]), BinaryPrimitives.ReadUInt64LittleEndian(bytes[17..]), 0,
                    BinaryPrimitives.ReadInt64LittleEndian(bytes[25..]), bytes[33] == 1, position + AnswerHeaderBytes, length), AnswerHeaderBytes + length);
            case KeyLogRecordKind.Closed:
                return (new KeyLogRecord(kind, 0, 0, 0, 0), 1);
            default:
                throw new InvalidDataException($"Key segment record of unknown kind {(byte)kind} at byte {position}.");
        }
    }

    private static void Need(ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.Length < length || length < 0)
        {
            throw new InvalidDataException("Key segment ends inside a record.");
        }
    }
}
