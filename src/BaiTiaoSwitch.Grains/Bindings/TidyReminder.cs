namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// The reminder that deletes a windowed binding record (a card number's, a phone's) once its windows have passed, so
/// records of numbers that never bind do not pile up. Registered before the record is first written, so a record on
/// storage always has one; dropped when the record is deleted.
/// </summary>
internal static class TidyReminder
{
    public const string Name = "binding-tidy";

    public static Task Register<TGrain>(TGrain grain, TimeSpan period)
        where TGrain : Grain, IRemindable =>
        grain.RegisterOrUpdateReminder(Name, period, period);

    public static async Task Unregister<TGrain>(TGrain grain)
        where TGrain : Grain, IRemindable
    {
        if (await grain.GetReminder(Name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
