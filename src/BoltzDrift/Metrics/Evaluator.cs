using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics;

/// <summary>
/// Evaluates generated samples against a target following the docs/metrics.md protocol, and measures the
/// noise floor alongside, because a metric value means little without the value exact samples get.
/// </summary>
public static class Evaluator
{
    /// <summary>Points per side in the MMD (docs/metrics.md: 5,000 generated vs 5,000 exact).</summary>
    public const int MmdSampleSize = 5_000;

    /// <summary>Kernel bandwidth of the reported MMD.</summary>
    public const double MmdBandwidth = 1;

    /// <summary>
    /// Independent exact sets the floor is averaged over. One set's value is itself a random draw (banana's
    /// covariance error at N = 100,000 ranges 0.013-0.060 from the 10th to the 90th percentile, mean 0.036), so a
    /// single set makes "within twice the floor" a matter of luck; sixteen give the mean to a quarter of one set's spread.
    /// </summary>
    public const int FloorReplicates = 16;

    /// <summary>
    /// Computes the mean and covariance errors on all of <paramref name="samples"/> (the protocol uses
    /// N = 100,000), the unbiased RBF MMD^2 (h = 1) of the first min(N, 5,000) samples against as many
    /// exact samples, and each target statistic; then the same three metrics for <see cref="FloorReplicates"/>
    /// independent exact sets of N samples, whose mean is the floor and whose standard deviation its spread. The
    /// MMD reference set and the floor sets are drawn from different streams of <paramref name="seed"/>, so the
    /// result is reproducible and the floor is not correlated with it.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The samples' dimension differs from the target's, fewer than two samples are given, or rows are non-finite.
    /// </exception>
    public static EvaluationReport Evaluate(Target target, SampleSet samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(samples);
        SampleChecks.RequireDimension(samples, target.Dimension, $"target '{target.Name}'", nameof(samples));
        SampleChecks.RequireCount(samples, 2, nameof(samples));
        SampleChecks.RequireFinite(samples, nameof(samples));

        var statistics = new OrderedDictionary<string, StatisticEstimate>();
        foreach (var statistic in target.Statistics)
            statistics.Add(statistic.Key, new StatisticEstimate(statistic.Estimate(samples), statistic.Exact));

        if (target.ExactSampler is not { } sampler)
            return new EvaluationReport(target.Name, samples.Count, null, seed,
                Measure(target, samples, mmdReference: null), SampleMetrics.None, statistics);

        int mmdN = Math.Min(samples.Count, MmdSampleSize);
        var referenceRng = new Rng(seed, stream: 0);
        var reference = sampler.Sample(mmdN, ref referenceRng);
        var floors = new SampleMetrics[FloorReplicates];
        for (int r = 0; r < floors.Length; r++)
        {
            var floorRng = new Rng(seed, stream: 1 + (ulong)r);
            floors[r] = Measure(target, sampler.Sample(samples.Count, ref floorRng), reference);
        }
        return new EvaluationReport(target.Name, samples.Count, mmdN, seed,
            Measure(target, samples, reference), SampleMetrics.Combine(floors, v => v.Average()), statistics)
        {
            FloorSpread = SampleMetrics.Combine(floors, v => new FloorEstimate(v).StandardDeviation),
            FloorReplicates = floors.Length,
        };
    }

    private static SampleMetrics Measure(Target target, SampleSet samples, SampleSet? mmdReference) => new(
        target.Mean is { } mean ? Moments.MeanError(samples, mean) : null,
        target.Covariance is { } covariance ? Moments.CovarianceError(samples, covariance) : null,
        mmdReference is null ? null : Mmd.SquaredRbfUnbiased(samples.Take(mmdReference.Count), mmdReference, MmdBandwidth));
}
