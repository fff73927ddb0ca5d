using ScottPlot;
using ScottPlot.Plottables;

namespace BoltzDrift.Plots;

/// <summary>
/// Chooses the corner for a plot's legend where it covers the fewest data points. ScottPlot puts a legend
/// where it is told, and no fixed corner suits every figure: a falling loss leaves the upper right empty,
/// a rising ESS the lower right, a bimodal histogram neither of its upper corners.
/// </summary>
internal static class LegendPlacement
{
    /// <summary>Fraction of the data area's width and height that a legend is assumed to cover.</summary>
    private const double BoxWidth = 0.45, BoxHeight = 0.35;

    private static readonly Alignment[] Corners = [Alignment.UpperRight, Alignment.UpperLeft, Alignment.LowerRight, Alignment.LowerLeft];

    /// <summary>The emptiest corner given the plot's current axis limits (set them first); the upper right on ties.</summary>
    public static Alignment EmptiestCorner(Plot plot)
    {
        var limits = plot.Axes.GetLimits();
        var points = DataPoints(plot).ToList();
        return Corners.MinBy(corner => points.Count(p => InCorner(p, corner, limits)));
    }

    private static bool InCorner(Coordinates p, Alignment corner, AxisLimits limits)
    {
        double u = (p.X - limits.Left) / (limits.Right - limits.Left), v = (p.Y - limits.Bottom) / (limits.Top - limits.Bottom);
        bool right = corner is Alignment.UpperRight or Alignment.LowerRight, upper = corner is Alignment.UpperRight or Alignment.UpperLeft;
        return (right ? u >= 1 - BoxWidth && u <= 1 : u >= 0 && u <= BoxWidth)
            && (upper ? v >= 1 - BoxHeight && v <= 1 : v >= 0 && v <= BoxHeight);
    }

    /// <summary>The points a legend could hide: scatter and marker points, and each bar's column sampled from base to top.</summary>
    private static IEnumerable<Coordinates> DataPoints(Plot plot)
    {
        foreach (var scatter in plot.GetPlottables<Scatter>())
            foreach (var p in scatter.Data.GetScatterPoints()) yield return p;
        foreach (var markers in plot.GetPlottables<Markers>())
            foreach (var p in markers.Data.GetScatterPoints()) yield return p;
        foreach (var bars in plot.GetPlottables<BarPlot>())
            foreach (var bar in bars.Bars)
                for (int i = 0; i <= 4; i++) yield return new Coordinates(bar.Position, bar.ValueBase + i / 4.0 * (bar.Value - bar.ValueBase));
    }
}
