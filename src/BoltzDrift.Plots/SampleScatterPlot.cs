using BoltzDrift.Energies;
using BoltzDrift.Sampling;
using ScottPlot;

namespace BoltzDrift.Plots;

/// <summary>
/// Where the generated samples lie. For a 2-D target: the samples over contours of its energy, on a window
/// that also covers the exact samples, so a missed mode shows as empty rings. For d &gt; 2: a grid of
/// scatters of each pair of the first <see cref="PairCoordinates"/> coordinates, exact samples behind.
/// </summary>
public static class SampleScatterPlot
{
    /// <summary>How many leading coordinates the pair grid of a d &gt; 2 target covers.</summary>
    public const int PairCoordinates = 4;

    /// <summary>Writes the figure to <paramref name="path"/> (PNG).</summary>
    /// <param name="reference">Exact samples of the target, or null where it has no exact sampler.</param>
    /// <exception cref="ArgumentException">The samples have fewer than two coordinates or do not match the target.</exception>
    public static void Save(string path, Target target, SampleSet samples, SampleSet? reference)
    {
        if (samples.Dimension != target.Dimension)
            throw new ArgumentException($"The samples have d = {samples.Dimension} but target '{target.Name}' has d = {target.Dimension}.");
        if (samples.Dimension < 2)
            throw new ArgumentException("A scatter plot needs at least two coordinates.");
        if (samples.Dimension == 2) SaveOverContours(path, target, samples, reference);
        else SavePairs(path, target, samples, reference);
    }

    private static void SaveOverContours(string path, Target target, SampleSet samples, SampleSet? reference)
    {
        var plot = PlotTheme.Create($"{target.Name}: generated samples over energy contours", SampleColumns.Name(0), SampleColumns.Name(1));
        var (x, y) = (Window(samples, reference, 0), Window(samples, reference, 1));
        AddPoints(plot, samples, 0, 1, PlotTheme.Generated, $"generated (n = {samples.Count:N0})");
        // Contours on top: under the points, the innermost rings would vanish where samples are dense.
        plot.Add.Plottable(EnergyContours.Create(target.Energy, x, y));
        plot.Legend.ManualItems.Add(PlotTheme.LineLegendItem(EnergyContours.LegendLabel, EnergyContours.LineColor));
        plot.Axes.SetLimits(x.Min, x.Max, y.Min, y.Max);
        PlotTheme.ShowLegend(plot);
        plot.SavePng(path, PlotTheme.Width, PlotTheme.Height);
    }

    private static void SavePairs(string path, Target target, SampleSet samples, SampleSet? reference)
    {
        int shown = Math.Min(samples.Dimension, PairCoordinates);
        var panels = new List<Plot>();
        for (int i = 0; i < shown; i++)
            for (int j = i + 1; j < shown; j++)
            {
                var plot = PlotTheme.Create($"{target.Name}: {SampleColumns.Name(j)} vs {SampleColumns.Name(i)}", SampleColumns.Name(i), SampleColumns.Name(j));
                if (reference is not null)
                    AddPoints(plot, reference.Take(samples.Count), i, j, PlotTheme.Exact, $"exact (n = {Math.Min(reference.Count, samples.Count):N0})");
                AddPoints(plot, samples, i, j, PlotTheme.Generated, $"generated (n = {samples.Count:N0})");
                var (x, y) = (Window(samples, reference, i), Window(samples, reference, j));
                plot.Axes.SetLimits(x.Min, x.Max, y.Min, y.Max);
                if (panels.Count == 0) PlotTheme.ShowLegend(plot);
                panels.Add(plot);
            }
        PanelGrid.SavePng(path, panels, PanelGrid.ColumnsFor(panels.Count));
    }

    private static ViewRange Window(SampleSet samples, SampleSet? reference, int k) =>
        ViewRange.Of(reference is null ? [SampleColumns.Column(samples, k)] : [SampleColumns.Column(samples, k), SampleColumns.Column(reference, k)]);

    private static void AddPoints(Plot plot, SampleSet points, int i, int j, Color color, string label)
    {
        plot.Add.Markers(SampleColumns.Column(points, i), SampleColumns.Column(points, j), MarkerShape.FilledCircle, MarkerSize(points.Count), color.WithAlpha(0.35));
        // The faint markers themselves would make an illegible legend entry: show an opaque, larger one.
        plot.Legend.ManualItems.Add(PlotTheme.PointLegendItem(label, color));
    }

    /// <summary>Smaller markers for more points, so that dense regions stay distinguishable.</summary>
    private static float MarkerSize(int count) => count <= 2_000 ? 4 : count <= 20_000 ? 3 : 2;
}
