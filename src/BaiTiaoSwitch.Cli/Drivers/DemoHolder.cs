namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>The made-up person behind the demo line. Their identity number and phone are never printed.</summary>
public sealed record DemoHolder(string Name, string IdNumber, string Phone)
{
    /// <summary>A holder with a fresh phone number, so a sandbox one-time code of this run cannot be mistaken for another's.</summary>
    public static DemoHolder Fresh(Random random) =>
        new("张三", "11010119900307" + random.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "139" + random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString() => "DemoHolder(***)";
}
