using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics;

/// <summary>Values of a metric between pairs of independent exact sample sets: its noise floor and spread.</summary>
/// <param name="Values">One value per replicate.</param>
public sealed record FloorEstimate(IReadOnlyList<double> Values)
{
    /// <summary>Mean over replicates.</summary>
    public double Mean => Values.Average();

    /// <summary>Sample standard deviation over replicates (divisor r - 1); 0 for a single replicate.</summary>
    public double StandardDeviation
    {
        get
        {
            if (Values.Count < 2) return 0;
            double mean = Mean;
            return Math.Sqrt(Values.Sum(v => (v - mean) * (v - mean)) / (Values.Count - 1));
        }
    }
}

/// <summary>
/// The noise floor of any two-sample metric (docs/metrics.md): its value for two independent sets of exact
/// samples of the size the metric will be quoted at. A sampler matches the target when its value is
/// within the floor's spread.
/// </summary>
public static class NoiseFloor
{
    /// <summary>
    /// Draws, for each of <paramref name="replicates"/> replicates r, two exact sets of
    /// <paramref name="count"/> samples from streams 2r and 2r + 1 of <paramref name="seed"/>, and
    /// returns metric(first, second) for each: reproducible for a given seed.
    /// </summary>
    public static FloorEstimate Measure(IExactSampler sampler, int count, Func<SampleSet, SampleSet, double> metric, ulong seed, int replicates = 1)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        var values = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            var firstRng = new Rng(seed, stream: 2 * (ulong)r);
            var secondRng = new Rng(seed, stream: 2 * (ulong)r + 1);
            values[r] = metric(sampler.Sample(count, ref firstRng), sampler.Sample(count, ref secondRng));
        }
        return new FloorEstimate(values);
    }
}
