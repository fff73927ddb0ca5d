using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace BoltzDrift.Plots;

/// <summary>
/// A base-10 logarithmic y axis. ScottPlot 5 has no log axis of its own: data are plotted as log10(y)
/// and the axis gets ticks at 1, 2, 5 × 10^k (or whole decades over wide ranges) labelled in y.
/// </summary>
internal static class LogAxis
{
    /// <summary>log10 of each value; values that have no logarithm (≤ 0, NaN) become NaN and are left out of lines.</summary>
    public static double[] Log10(IEnumerable<double> values) =>
        values.Select(v => v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN).ToArray();

    /// <summary>Sets the y limits to cover <paramref name="logValues"/> and labels the axis in the original units.</summary>
    public static void Apply(Plot plot, IEnumerable<double> logValues)
    {
        var finite = logValues.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return;
        double low = finite.Min(), high = finite.Max();
        // A constant series (e.g. bandwidths that do not anneal) still needs a visible band around it.
        double span = Math.Max(high - low, 0.3);
        double middle = 0.5 * (low + high);
        low = Math.Min(low, middle - span / 2) - 0.06 * span;
        high = Math.Max(high, middle + span / 2) + 0.06 * span;
        plot.Axes.SetLimitsY(low, high);

        var ticks = new NumericManual();
        foreach (double value in MajorValues(low, high)) ticks.AddMajor(Math.Log10(value), Label(value));
        for (int k = (int)Math.Floor(low); k <= (int)Math.Ceiling(high); k++)
            for (int m = 1; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position >= low && position <= high) ticks.AddMinor(position);
            }
        plot.Axes.Left.TickGenerator = ticks;
    }

    /// <summary>
    /// Labelled values between 10^low and 10^high: 1, 2, 5 × 10^k over a decade or more (whole decades over
    /// several), and evenly spaced round numbers over less, where 1-2-5 would leave one label or none.
    /// </summary>
    private static IEnumerable<double> MajorValues(double low, double high)
    {
        double span = high - low;
        if (span < 1)
        {
            double a = Math.Pow(10, low), b = Math.Pow(10, high);
            double step = RoundStep((b - a) / 6);
            for (double v = Math.Ceiling(a / step) * step; v <= b; v += step) yield return v;
            yield break;
        }
        double[] mantissas = span > 3 ? [1] : [1, 2, 5];
        for (int k = (int)Math.Floor(low); k <= (int)Math.Ceiling(high); k++)
            foreach (double m in mantissas)
            {
                double position = k + Math.Log10(m);
                if (position >= low && position <= high) yield return m * Math.Pow(10, k);
            }
    }

    /// <summary>The 1, 2 or 5 × 10^k nearest above <paramref name="rough"/>.</summary>
    private static double RoundStep(double rough)
    {
        double decade = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double m = rough / decade;
        return decade * (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10);
    }

    private static string Label(double value)
    {
        var c = CultureInfo.InvariantCulture;
        double exponent = Math.Floor(Math.Log10(value) + 1e-9);
        if (exponent is >= -3 and <= 4) return value.ToString("G4", c);
        double mantissa = Math.Round(value / Math.Pow(10, exponent));
        return mantissa == 1 ? $"1e{exponent.ToString(c)}" : $"{mantissa.ToString(c)}e{exponent.ToString(c)}";
    }
}
