namespace BaiTiaoSwitch.Accounts;

/// <summary>The person behind a line, as the issuer knows them. Sensitive: never logged, encrypted at rest.</summary>
[GenerateSerializer, Immutable, Alias("bts.Holder")]
public sealed record Holder(
    [property: Id(0)] string Name,
    [property: Id(1)] string IdNumber,
    [property: Id(2)] string Phone)
{
    // Records print their members; this one must never print them.
    public override string ToString() => "Holder(***)";
}
