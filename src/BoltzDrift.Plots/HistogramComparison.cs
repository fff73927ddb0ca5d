using ScottPlot;

namespace BoltzDrift.Plots;

/// <summary>
/// Draws one quantity's distribution over generated samples against exact ones, the same way in every
/// figure: generated as filled density bars, exact as a step outline on top, so both stay visible where
/// they overlap; the legend says how many points each has and how many fall off the axis.
/// </summary>
internal static class HistogramComparison
{
    /// <summary>Adds both histograms on shared bins and fits the x axis to them.</summary>
    /// <param name="exact">The same quantity over exact samples, or null where there are none.</param>
    /// <param name="tail">Fraction of points in each tail left off the axis (see <see cref="ViewRange.Of"/>).</param>
    public static void Draw(Plot plot, double[] generated, double[]? exact, double tail = 0.001, double padding = 0.05)
    {
        var range = ViewRange.Of(exact is null ? [generated] : [generated, exact], tail, padding);
        int bins = DensityHistogram.BinsFor(generated.Length);
        var histograms = new List<DensityHistogram> { DensityHistogram.Of(generated, range, bins) };
        AddBars(plot, histograms[0], PlotTheme.Generated, "generated");
        if (exact is not null)
        {
            histograms.Add(DensityHistogram.Of(exact, range, bins));
            AddOutline(plot, histograms[1], PlotTheme.Exact, "exact");
        }
        // Headroom above the highest bar leaves the legend a place off the data.
        double top = histograms.Max(h => h.Density.Max());
        plot.Axes.SetLimits(range.Min, range.Max, 0, top > 0 ? 1.2 * top : 1);
        PlotTheme.ShowLegend(plot);
    }

    private static void AddBars(Plot plot, DensityHistogram histogram, Color color, string name)
    {
        var bars = histogram.Density.Select((density, i) => new Bar
        {
            Position = 0.5 * (histogram.Edges[i] + histogram.Edges[i + 1]),
            Value = density,
            Size = histogram.BinWidth,
            FillColor = color.WithAlpha(0.45),
            LineWidth = 0,
        }).ToList();
        plot.Add.Bars(bars).LegendText = Label(name, histogram);
    }

    private static void AddOutline(Plot plot, DensityHistogram histogram, Color color, string name)
    {
        // A step line through the edges: each bin's value runs horizontally across its bin.
        double[] ys = [.. histogram.Density, histogram.Density[^1]];
        var line = plot.Add.ScatterLine(histogram.Edges, ys, color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        line.LegendText = Label(name, histogram);
    }

    /// <summary>"generated (n = 5,000)", with how many values fall off the axis when any do.</summary>
    private static string Label(string name, DensityHistogram histogram) =>
        histogram.Outside == 0
            ? $"{name} (n = {histogram.Total:N0})"
            : $"{name} (n = {histogram.Total:N0}, {histogram.Outside:N0} off-axis)";
}
