namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// Claims and answers decided in memory and waiting to be appended together as one block. Its
/// <see cref="Durable"/> task completes when the block is stored, or fails with the append.
/// </summary>
internal sealed class KeyBatch
{
    private readonly MemoryStream records = new();
    private readonly List<(UInt128 Key, ulong Owner, long AtSeconds, bool Claims, int Offset, int Length)> answers = [];
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<UInt128> Claimed { get; } = [];

    public int Count { get; private set; }

    public long Bytes => records.Length;

    public long NewestAtSeconds { get; private set; }

    public Task Durable => done.Task;

    public void Claim(UInt128 key, ulong owner, UInt128 fingerprint, long atSeconds)
    {
        KeyLogRecord.WriteClaimed(records, key, owner, fingerprint, atSeconds);
        Claimed.Add(key);
        Note(atSeconds);
    }

    public void Answer(UInt128 key, ulong owner, long atSeconds, bool claims, byte[] answer)
    {
        var start = (int)records.Length;
        var header = KeyLogRecord.WriteAnswered(records, key, owner, atSeconds, claims, answer);
        answers.Add((key, owner, atSeconds, claims, start + header, answer.Length));
        Note(atSeconds);
    }

    public byte[] Encode() => records.ToArray();

    /// <summary>Where each answer of this batch landed, once it was appended at <paramref name="offset"/> of <paramref name="segment"/>.</summary>
    public IEnumerable<(UInt128 Key, ulong Owner, long AtSeconds, bool Claims, AnswerLocation Location)> Answers(long segment, int offset) =>
        answers.Select(answer => (answer.Key, answer.Owner, answer.AtSeconds, answer.Claims, new AnswerLocation(segment, offset + answer.Offset, answer.Length)));

    public void Stored() => done.TrySetResult();

    public void Failed(Exception exception) => done.TrySetException(exception);

    private void Note(long atSeconds)
    {
        Count++;
        NewestAtSeconds = Math.Max(NewestAtSeconds, atSeconds);
    }
}
