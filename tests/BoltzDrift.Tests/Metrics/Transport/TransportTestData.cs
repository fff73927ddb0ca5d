using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics.Transport;

/// <summary>Small reproducible point sets for the transport tests.</summary>
internal static class TransportTestData
{
    /// <summary>count standard normal points in d dimensions, plus <paramref name="shift"/> on every coordinate k.</summary>
    public static SampleSet Gaussian(int count, int d, ulong seed, double[]? shift = null)
    {
        var rng = new Rng(seed);
        var values = new double[count * d];
        rng.FillGaussian(values);
        if (shift is not null)
            for (int i = 0; i < values.Length; i++) values[i] += shift[i % d];
        return new SampleSet(values, d);
    }

    /// <summary>The points of <paramref name="samples"/> plus the vector <paramref name="shift"/>.</summary>
    public static SampleSet Shifted(SampleSet samples, double[] shift)
    {
        var values = (double[])samples.Values.Clone();
        for (int i = 0; i < values.Length; i++) values[i] += shift[i % samples.Dimension];
        return new SampleSet(values, samples.Dimension);
    }

    /// <summary>The points of <paramref name="samples"/> in a random order.</summary>
    public static SampleSet Shuffled(SampleSet samples, ulong seed)
    {
        var rng = new Rng(seed);
        int n = samples.Count, d = samples.Dimension;
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var values = new double[n * d];
        for (int i = 0; i < n; i++) samples[order[i]].CopyTo(values.AsSpan(i * d, d));
        return new SampleSet(values, d);
    }

    /// <summary>min over all permutations σ of (1/n) Σ |a_i - b_σ(i)|^2, by enumeration (n ≤ 7).</summary>
    public static double BruteForceSquaredW2(SampleSet a, SampleSet b)
    {
        int n = a.Count;
        var cost = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < a.Dimension; k++) s += (a[i][k] - b[j][k]) * (a[i][k] - b[j][k]);
                cost[i * n + j] = s;
            }
        return BruteForceMinimum(cost, n) / n;
    }

    /// <summary>The smallest total cost of any assignment of an n×n cost matrix, by enumeration (n ≤ 7).</summary>
    public static double BruteForceMinimum(double[] cost, int n)
    {
        var permutation = Enumerable.Range(0, n).ToArray();
        double best = double.PositiveInfinity;
        void Recurse(int depth)
        {
            if (depth == n)
            {
                double total = 0;
                for (int i = 0; i < n; i++) total += cost[i * n + permutation[i]];
                best = Math.Min(best, total);
                return;
            }
            for (int k = depth; k < n; k++)
            {
                (permutation[depth], permutation[k]) = (permutation[k], permutation[depth]);
                Recurse(depth + 1);
                (permutation[depth], permutation[k]) = (permutation[k], permutation[depth]);
            }
        }
        Recurse(0);
        return best;
    }
}
