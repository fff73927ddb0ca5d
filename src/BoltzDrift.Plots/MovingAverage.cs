namespace BoltzDrift.Plots;

/// <summary>A centred moving average that skips NaN: per-step training figures are noisy, the trend is what a reader wants.</summary>
internal static class MovingAverage
{
    /// <summary>The mean of the finite values within <paramref name="halfWidth"/> rows of each row (NaN where there are none).</summary>
    public static double[] Centered(double[] values, int halfWidth)
    {
        int n = values.Length;
        var sums = new double[n + 1];
        var counts = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            bool finite = double.IsFinite(values[i]);
            sums[i + 1] = sums[i] + (finite ? values[i] : 0);
            counts[i + 1] = counts[i] + (finite ? 1 : 0);
        }
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            int from = Math.Max(0, i - halfWidth), to = Math.Min(n, i + halfWidth + 1);
            int count = counts[to] - counts[from];
            result[i] = count == 0 ? double.NaN : (sums[to] - sums[from]) / count;
        }
        return result;
    }

    /// <summary>Half-width for <paramref name="rows"/> rows: about 1 % of the run, so short runs are barely smoothed.</summary>
    public static int HalfWidthFor(int rows) => Math.Max(0, rows / 100);
}
