namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>What an injected storage fault does to one write.</summary>
public enum Fault
{
    None,

    /// <summary>The write fails and nothing is stored.</summary>
    FailBeforeWrite,

    /// <summary>The write is stored, but the caller is told it failed and never learns the new ETag (a lost response).</summary>
    FailAfterWrite,

    /// <summary>The write is refused as if another writer had changed the record (ETag mismatch); nothing is stored.</summary>
    Conflict,
}

/// <summary>The share of writes that get each fault, from 0 to 1. Their sum is at most 1.</summary>
public sealed record FaultRates(double FailBeforeWrite, double FailAfterWrite, double Conflict)
{
    public static readonly FaultRates None = new(0, 0, 0);

    /// <summary>The same rate for each of the three faults.</summary>
    public static FaultRates Each(double rate) => new(rate, rate, rate);

    public FaultRates Validated()
    {
        var rates = new[] { FailBeforeWrite, FailAfterWrite, Conflict };
        return rates.All(rate => rate is >= 0 and <= 1) && rates.Sum() <= 1
            ? this
            : throw new ArgumentOutOfRangeException(nameof(FaultRates), this, "Each fault rate must be from 0 to 1, and their sum at most 1.");
    }
}

/// <summary>Thrown in place of a storage error for <see cref="Fault.FailBeforeWrite"/> and <see cref="Fault.FailAfterWrite"/>.</summary>
public sealed class InjectedStorageException(Fault fault, string store, string target)
    : IOException(fault == Fault.FailAfterWrite
        ? $"Injected fault: the write of {target} to '{store}' was stored, but its response was lost."
        : $"Injected fault: the write of {target} to '{store}' failed; nothing was stored.")
{
    public Fault Fault { get; } = fault;
}
