namespace BaiTiaoSwitch.Cli.Output;

/// <summary>
/// Tells the demo as numbered steps a person can follow, and keeps the score of its checks.
/// A failed check does not stop the story; it makes the command exit non-zero at the end.
/// </summary>
public sealed class Narrator(TextWriter output)
{
    private readonly List<string> failures = [];
    private int step;

    public int ChecksPassed { get; private set; }

    public IReadOnlyList<string> Failures => failures;

    public void Title(string title, params string[] lines)
    {
        output.WriteLine(title);
        output.WriteLine(new string('=', Table.Width(title)));
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    public void Step(string title)
    {
        step++;
        var heading = $"Step {step}. {title}";
        output.WriteLine();
        output.WriteLine(heading);
        output.WriteLine(new string('-', Table.Width(heading)));
    }

    public void Say(string line = "") => output.WriteLine(line.Length == 0 ? "" : "    " + line);

    public void Show(Table table) => output.Write(table.Render());

    /// <summary>Writes text already laid out (indented lines), as it is.</summary>
    public void Show(string block) => output.Write(block);

    /// <summary>States a check of a guarantee and whether it held.</summary>
    public bool Check(bool holds, string statement)
    {
        output.WriteLine($"    [{(holds ? "PASS" : "FAIL")}] {statement}");
        if (holds)
        {
            ChecksPassed++;
        }
        else
        {
            failures.Add($"step {step}: {statement}");
        }

        return holds;
    }

    public void Verdict()
    {
        output.WriteLine();
        if (failures.Count == 0)
        {
            output.WriteLine($"All {ChecksPassed} checks passed: the line was never overspent, and every fen is accounted for.");
            return;
        }

        output.WriteLine($"{failures.Count} of {ChecksPassed + failures.Count} checks FAILED:");
        foreach (var failure in failures)
        {
            output.WriteLine("    " + failure);
        }
    }
}
