using ScottPlot;

namespace BoltzDrift.Plots;

/// <summary>The look shared by every BoltzDrift figure, so that the PNGs of a run read as one set.</summary>
internal static class PlotTheme
{
    /// <summary>Size of a single-panel figure, in pixels.</summary>
    public const int Width = 900, Height = 720;

    /// <summary>Size of one panel of a multi-panel figure, in pixels.</summary>
    public const int PanelWidth = 620, PanelHeight = 470;

    /// <summary>Generated samples: the thing under test.</summary>
    public static readonly Color Generated = Color.FromHex("#1f77b4");

    /// <summary>The exact target (reference samples, exact densities): what the samples should match.</summary>
    public static readonly Color Exact = Color.FromHex("#d62728");

    /// <summary>Context drawn behind the data: energy contours, raw noisy curves, exact points in pair plots.</summary>
    public static readonly Color Context = Color.FromHex("#7f7f7f");

    /// <summary>
    /// Font family used when installed. ScottPlot's own detection settles on a serif face on minimal
    /// Linux images (where only DejaVu is installed), which reads poorly at tick-label sizes.
    /// </summary>
    private const string SansFamily = "DejaVu Sans";

    private static readonly Lazy<bool> s_sansInstalled = new(() => Fonts.GetTypeface(SansFamily, bold: false, italic: false)?.FamilyName == SansFamily);

    /// <summary>A new plot with the shared font, title and axis labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (s_sansInstalled.Value) plot.Font.Set(SansFamily);
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        plot.Legend.FontSize = 11;
        return plot;
    }

    /// <summary>Shows the legend in the corner where it hides the least data; call it after setting the axis limits.</summary>
    public static void ShowLegend(Plot plot)
    {
        plot.ShowLegend(LegendPlacement.EmptiestCorner(plot));
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
    }

    /// <summary>A legend entry for a plottable that has none of its own (such as contour lines).</summary>
    public static LegendItem LineLegendItem(string label, Color color, float width = 1.5f) => new()
    {
        LabelText = label,
        LineColor = color,
        LineWidth = width,
    };

    /// <summary>A legend entry for scatter points, drawn opaque and large enough to read.</summary>
    public static LegendItem PointLegendItem(string label, Color color) => new()
    {
        LabelText = label,
        MarkerShape = MarkerShape.FilledCircle,
        MarkerSize = 9,
        MarkerFillColor = color,
        MarkerLineColor = color,
    };
}
