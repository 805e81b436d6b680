using System.Buffers.Binary;
using BaiTiaoSwitch.Events;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// The content of a decision history blob: frames, one per appended block (one delivered message's decisions of one
/// hour) or one for a compacted blob, each a 4-byte little-endian length then the decisions' <see cref="SwitchEvent"/>
/// array in Orleans' binary format (every field a backtest replays, versioned by the records' [Id]s). A block is
/// appended whole or not at all, so a blob is always a sequence of whole frames.
/// </summary>
public static class DecisionFrames
{
    private const int LengthBytes = 4;

    /// <summary>
    /// The largest frame one block may carry (Azure: 4 MiB an append block); a delivered message is at most 64 KiB
    /// (an Azure Queue message), so this is never reached in practice.
    /// </summary>
    public const int FrameBytesMax = 4 * 1024 * 1024;

    /// <summary>The decisions as frames of at most <see cref="FrameBytesMax"/> bytes (halving a list that does not fit).</summary>
    public static List<byte[]> Frames(Serializer serializer, IReadOnlyList<SwitchEvent> decisions)
    {
        var payload = serializer.SerializeToArray(decisions.ToArray());
        if (payload.Length + LengthBytes <= FrameBytesMax || decisions.Count == 1)
        {
            var frame = new byte[LengthBytes + payload.Length];
            BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
            payload.CopyTo(frame, LengthBytes);
            return [frame];
        }

        var half = decisions.Count / 2;
        return [.. Frames(serializer, [.. decisions.Take(half)]), .. Frames(serializer, [.. decisions.Skip(half)])];
    }

    /// <summary>Every decision in a blob's content, frame after frame, as stored (duplicates included).</summary>
    public static List<SwitchEvent> Read(Serializer serializer, ReadOnlyMemory<byte> content, string name)
    {
        var decisions = new List<SwitchEvent>();
        while (!content.IsEmpty)
        {
            var length = content.Length >= LengthBytes ? BinaryPrimitives.ReadInt32LittleEndian(content.Span) : -1;
            if (length < 0 || content.Length < LengthBytes + length)
            {
                throw new InvalidDataException($"Decision blob {name} ends inside a frame.");
            }

            decisions.AddRange(serializer.Deserialize<SwitchEvent[]>(content.Slice(LengthBytes, length)) ?? []);
            content = content[(LengthBytes + length)..];
        }

        return decisions;
    }
}
