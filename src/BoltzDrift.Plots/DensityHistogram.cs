namespace BoltzDrift.Plots;

/// <summary>
/// A histogram on fixed, equal bins, scaled to a probability density (count / (n × bin width)), so that
/// sets of different sizes, or a set and an exact density, can be drawn on one axis.
/// </summary>
internal sealed class DensityHistogram
{
    private DensityHistogram(double[] edges, double[] density, int outside, int total)
    {
        Edges = edges;
        Density = density;
        Outside = outside;
        Total = total;
    }

    /// <summary>Bin edges, one more than bins.</summary>
    public double[] Edges { get; }

    /// <summary>Density in each bin. Values outside the range count in n, so the bars integrate to the fraction inside.</summary>
    public double[] Density { get; }

    /// <summary>Finite values outside the binned range and non-finite values: what the picture does not show.</summary>
    public int Outside { get; }

    /// <summary>All values given, shown or not.</summary>
    public int Total { get; }

    public double BinWidth => Edges[1] - Edges[0];

    public IEnumerable<double> Centers => Density.Select((_, i) => 0.5 * (Edges[i] + Edges[i + 1]));

    public static DensityHistogram Of(IReadOnlyCollection<double> values, ViewRange range, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        double width = range.Width / bins;
        var edges = Enumerable.Range(0, bins + 1).Select(i => range.Min + i * width).ToArray();
        var counts = new double[bins];
        int outside = 0;
        foreach (double v in values)
        {
            if (!range.Contains(v)) { outside++; continue; }
            counts[Math.Min(bins - 1, (int)((v - range.Min) / width))]++;
        }
        double scale = values.Count == 0 ? 0 : 1.0 / (values.Count * width);
        return new DensityHistogram(edges, counts.Select(c => c * scale).ToArray(), outside, values.Count);
    }

    /// <summary>A bin count that suits <paramref name="n"/> points: about √n, kept between 20 and 80 so bars stay readable.</summary>
    public static int BinsFor(int n) => Math.Clamp((int)Math.Sqrt(n), 20, 80);
}
