using BoltzDrift.Energies;
using ScottPlot;
using ScottPlot.Plottables;

namespace BoltzDrift.Plots;

/// <summary>
/// Contour lines of a 2-D energy over a rectangle, at E(x) − min E = k²/2 for k = 1…6: where a Gaussian
/// would sit k standard deviations from its mode, so the rings mark probability levels, not raw energies.
/// </summary>
internal static class EnergyContours
{
    /// <summary>Grid points per side: fine enough that narrow ridges (the banana's) give smooth rings.</summary>
    private const int GridPoints = 201;
    private const int Rings = 6;

    public static string LegendLabel => $"E(x) − min E = k²/2, k = 1…{Rings}";

    /// <summary>Dark and slightly transparent: the rings are drawn over the samples and must show through dense clouds without hiding them.</summary>
    public static Color LineColor { get; } = Color.FromHex("#303030").WithAlpha(0.75);

    public static ContourLines Create(Energy energy, ViewRange x, ViewRange y)
    {
        if (energy.Dimension != 2) throw new ArgumentException($"Energy contours need a 2-D energy, got d = {energy.Dimension}.");
        var levels = Enumerable.Range(1, Rings).Select(k => k * k / 2.0).ToArray();
        var energies = new double[GridPoints, GridPoints];
        double min = double.PositiveInfinity;
        Span<double> point = stackalloc double[2];
        for (int row = 0; row < GridPoints; row++)
            for (int column = 0; column < GridPoints; column++)
            {
                point[0] = x.Min + x.Width * column / (GridPoints - 1);
                point[1] = y.Min + y.Width * row / (GridPoints - 1);
                double e = energy.Evaluate(point);
                energies[row, column] = e;
                if (double.IsFinite(e)) min = Math.Min(min, e);
            }

        // Heights above the top ring are capped: only the rings matter, and the cap keeps ∞ and NaN
        // (outside an energy's support) out of the triangulation.
        double cap = levels[^1] + 1;
        var grid = new Coordinates3d[GridPoints, GridPoints];
        for (int row = 0; row < GridPoints; row++)
            for (int column = 0; column < GridPoints; column++)
            {
                double height = energies[row, column] - min;
                grid[row, column] = new Coordinates3d(
                    x.Min + x.Width * column / (GridPoints - 1),
                    y.Min + y.Width * row / (GridPoints - 1),
                    double.IsFinite(height) ? Math.Min(height, cap) : cap);
            }

        var contours = new ContourLines { ContourLineLevels = levels };
        contours.Update(grid);
        contours.LineColor = LineColor;
        contours.LineWidth = 1.2f;
        contours.LabelStyle.IsVisible = false;
        return contours;
    }
}
