using System.Collections.Immutable;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Bindings;

/// <summary>The codes sent to one phone, keyed by the keyed hash of its digits: at most <see cref="BindingOptions.CodesPerPhonePerHourMax"/> an hour.</summary>
public interface IPhoneCodesGrain : IGrainWithStringKey
{
    /// <summary>True while the phone may get another code this hour.</summary>
    [ClusterInternal]
    Task<bool> HasRoom();

    /// <summary>Counts one code about to be sent (durably, before it is sent); false, counting nothing, when the hour's codes are spent.</summary>
    [ClusterInternal]
    Task<bool> TrySpend();
}

/// <summary>When the phone's codes of the last hour were sent: never more than the limit.</summary>
[GenerateSerializer, Immutable, Alias("bts.PhoneCodesState")]
public sealed record PhoneCodesState
{
    [Id(0)]
    public ImmutableArray<DateTimeOffset> SentAt { get; init; } = [];

    public PhoneCodesState Pruned(DateTimeOffset now) => new() { SentAt = [.. SentAt.Where(at => now - at < BindingOptions.Hour)] };
}

public sealed class PhoneCodesGrain(
    [PersistentState("phone-codes", StorageNames.Entities)] IPersistentState<PhoneCodesState> state,
    IOptions<BindingOptions> options,
    TimeProvider time) : Grain, IPhoneCodesGrain, IRemindable
{
    public const string ReminderName = "phone-codes-tidy";

    public Task<bool> HasRoom() => Task.FromResult(state.State.Pruned(time.GetUtcNow()).SentAt.Length < options.Value.CodesPerPhonePerHourMax);

    public async Task<bool> TrySpend()
    {
        var now = time.GetUtcNow();
        var current = state.State.Pruned(now);
        if (current.SentAt.Length >= options.Value.CodesPerPhonePerHourMax)
        {
            return false;
        }

        if (!state.RecordExists)
        {
            await TidyReminder.Register(this, BindingOptions.Hour);
        }

        await state.Commit(current with { SentAt = current.SentAt.Add(now) }, this);
        return true;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var pruned = state.State.Pruned(time.GetUtcNow());
        if (!pruned.SentAt.IsEmpty)
        {
            await state.Commit(pruned, this);
            return;
        }

        if (state.RecordExists)
        {
            await state.Delete(this);
        }

        await TidyReminder.Unregister(this);
    }
}
