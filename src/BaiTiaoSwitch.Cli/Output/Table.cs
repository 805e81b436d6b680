using System.Globalization;
using System.Text;

namespace BaiTiaoSwitch.Cli.Output;

public enum Align
{
    Left,
    Right,
}

/// <summary>A plain text table whose columns line up in a terminal, including double-width CJK characters.</summary>
public sealed class Table
{
    private readonly (string Header, Align Align)[] columns;
    private readonly List<string[]> rows = [];

    public Table(params (string Header, Align Align)[] columns) => this.columns = columns;

    public int RowCount => rows.Count;

    public Table Add(params object?[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"A row of this table has {columns.Length} cells, not {cells.Length}.", nameof(cells));
        }

        rows.Add(cells.Select(cell => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "").ToArray());
        return this;
    }

    public string Render(string indent = "    ")
    {
        var widths = columns.Select((column, i) => rows.Select(row => Width(row[i])).Append(Width(column.Header)).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, indent, widths, columns.Select(column => column.Header).ToArray());
        Line(text, indent, widths, widths.Select(width => new string('-', width)).ToArray());
        foreach (var row in rows)
        {
            Line(text, indent, widths, row);
        }

        return text.ToString();
    }

    private void Line(StringBuilder text, string indent, int[] widths, string[] cells)
    {
        var line = new StringBuilder(indent);
        for (var i = 0; i < cells.Length; i++)
        {
            var padding = new string(' ', widths[i] - Width(cells[i]));
            line.Append(columns[i].Align == Align.Right ? padding + cells[i] : cells[i] + padding);
            if (i < cells.Length - 1)
            {
                line.Append("  ");
            }
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    /// <summary>Terminal columns taken by <paramref name="text"/>: East Asian wide characters take two.</summary>
    public static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    private static bool IsWide(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6)
            or (>= 0x20000 and <= 0x3FFFD);
}
