using ScottPlot;

namespace BoltzDrift.Plots;

/// <summary>Saves several plots as the panels of one PNG, in a grid filled row by row.</summary>
internal static class PanelGrid
{
    public static void SavePng(string path, IReadOnlyList<Plot> panels, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(panels.Count, 1);
        columns = Math.Clamp(columns, 1, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        var multiplot = new Multiplot(panels[0]);
        foreach (var panel in panels.Skip(1)) multiplot.AddPlot(panel);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        multiplot.SavePng(path, columns * PlotTheme.PanelWidth, rows * PlotTheme.PanelHeight);
    }

    /// <summary>Columns for <paramref name="count"/> panels: up to three side by side.</summary>
    public static int ColumnsFor(int count) => count <= 3 ? count : count == 4 ? 2 : 3;
}
