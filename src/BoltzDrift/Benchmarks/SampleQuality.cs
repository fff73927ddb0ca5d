using BoltzDrift.Energies;
using BoltzDrift.Metrics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// Measures a benchmarked sample set the same way for every method (METRICS.md): mean and covariance errors
/// on all samples, MMD² (h = 1) on 5,000 vs 5,000 exact, target statistics (<see cref="Evaluator"/>); exact W2
/// on 2,000 vs 2,000 and, where the target has modes, the largest mode-weight error
/// (<see cref="TransportEvaluator"/>). Every figure stands next to its exact-sample floor.
/// </summary>
public static class SampleQuality
{
    /// <summary>The transport metrics the benchmark reports: exact W2 and mode weights, on 2,000 points per side.</summary>
    public static TransportOptions Transport { get; } = new() { SlicedW2 = false, EnergyW2 = false, Sinkhorn = false, MedianMmd = false };

    /// <summary>
    /// The figures of <paramref name="samples"/> in table order: mean error, covariance error, MMD², W2,
    /// mode-weight error (if the target has modes), then each target statistic with its exact value.
    /// Reference and floor sets come from <paramref name="seed"/>, so methods measured with one seed share them.
    /// </summary>
    public static IReadOnlyList<MetricValue> Measure(Target target, SampleSet samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(samples);
        var moments = Evaluator.Evaluate(target, samples, seed);
        var transport = target.ExactSampler is null ? null : TransportEvaluator.Evaluate(target, samples, seed, Transport);
        return MetricValue.From(moments, transport);
    }
}
