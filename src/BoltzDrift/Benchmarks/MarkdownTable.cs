using System.Text;

namespace BoltzDrift.Benchmarks;

/// <summary>Renders rows of cells as a GitHub Markdown table (cells are escaped for '|').</summary>
public static class MarkdownTable
{
    /// <summary>The table with <paramref name="header"/> as its first row; the first column left-aligned, the others right-aligned.</summary>
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        if (all.Any(row => row.Count != header.Count))
            throw new ArgumentException($"Every row needs {header.Count} cells.", nameof(rows));
        var cells = all.Select(row => row.Select(cell => cell.Replace("|", "\\|")).ToArray()).ToList();
        var widths = Enumerable.Range(0, header.Count).Select(j => Math.Max(3, cells.Max(row => row[j].Length))).ToArray();
        var text = new StringBuilder();
        void Line(IEnumerable<string> values) => text.Append("| ").Append(string.Join(" | ", values)).Append(" |\n");
        Line(cells[0].Select((cell, j) => j == 0 ? cell.PadRight(widths[j]) : cell.PadLeft(widths[j])));
        Line(widths.Select((w, j) => j == 0 ? new string('-', w) : new string('-', w - 1) + ":"));
        foreach (var row in cells.Skip(1)) Line(row.Select((cell, j) => j == 0 ? cell.PadRight(widths[j]) : cell.PadLeft(widths[j])));
        return text.ToString();
    }
}
