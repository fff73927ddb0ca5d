using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// A uniformly random subset of pooled draws, in random order. MCMC draws are pooled chain after chain, and
/// metrics that look at the first points only (the MMD takes the first 5,000) would see one or two chains;
/// a random subset makes every metric see the whole run.
/// </summary>
public static class EvaluationSubset
{
    /// <summary>min(<paramref name="count"/>, all) points of <paramref name="samples"/>, chosen and ordered at random from <paramref name="seed"/>.</summary>
    public static SampleSet Draw(SampleSet samples, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int n = samples.Count, d = samples.Dimension, take = Math.Min(count, n);
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Rng(seed, stream: 0x5EB5E7);
        for (int i = 0; i < take; i++)   // partial Fisher-Yates: the first `take` entries are a uniform random sample
        {
            int j = i + rng.NextInt(n - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var values = new double[take * d];
        for (int i = 0; i < take; i++) samples[order[i]].CopyTo(values.AsSpan(i * d, d));
        return new SampleSet(values, d);
    }
}
