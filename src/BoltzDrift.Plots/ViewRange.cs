namespace BoltzDrift.Plots;

/// <summary>
/// An axis interval chosen from data: from a low to a high quantile, padded. Quantiles rather than the
/// extremes so that a handful of stray samples cannot shrink the bulk of the picture to a dot.
/// </summary>
internal readonly record struct ViewRange(double Min, double Max)
{
    public double Width => Max - Min;

    /// <summary>The range holding the central <c>1 - 2 tail</c> of every finite value in <paramref name="sets"/>, padded by <paramref name="padding"/> of its width on each side.</summary>
    public static ViewRange Of(IEnumerable<IEnumerable<double>> sets, double tail = 0.001, double padding = 0.08)
    {
        var values = sets.SelectMany(s => s).Where(double.IsFinite).ToArray();
        if (values.Length == 0) return new ViewRange(-1, 1);
        Array.Sort(values);
        double low = Quantile(values, tail), high = Quantile(values, 1 - tail);
        // A degenerate set (all values equal) still needs an interval to draw in.
        double width = high > low ? high - low : Math.Max(1, Math.Abs(low));
        return new ViewRange(low - padding * width, high + padding * width);
    }

    /// <summary>The <paramref name="q"/>-quantile of sorted values, interpolating linearly.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int i = (int)Math.Floor(position);
        if (i >= sorted.Length - 1) return sorted[^1];
        return sorted[i] + (position - i) * (sorted[i + 1] - sorted[i]);
    }

    public bool Contains(double value) => value >= Min && value <= Max;
}
