using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics;

/// <summary>Rows of a sample set chosen uniformly at random without replacement (reference draws, evaluated subsets).</summary>
internal static class RandomRows
{
    /// <summary><paramref name="count"/> distinct indices of [0, <paramref name="total"/>) in random order: the first places of a partial Fisher-Yates shuffle.</summary>
    public static int[] Indices(int total, int count, ref Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, total);
        var order = new int[total];
        for (int i = 0; i < total; i++) order[i] = i;
        for (int i = 0; i < count; i++)
        {
            int j = i + rng.NextInt(total - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order[..count];
    }

    /// <summary>The rows <paramref name="rows"/> of <paramref name="samples"/>, in that order.</summary>
    public static SampleSet Take(SampleSet samples, ReadOnlySpan<int> rows)
    {
        int d = samples.Dimension;
        var values = new double[rows.Length * d];
        for (int i = 0; i < rows.Length; i++) samples[rows[i]].CopyTo(values.AsSpan(i * d, d));
        return new SampleSet(values, d);
    }
}
