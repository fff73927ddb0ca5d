using BoltzDrift.Energies;
using BoltzDrift.Metrics;
using BoltzDrift.References;
using BoltzDrift.Sampling;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// Measures a benchmarked sample set the same way for every method (docs/metrics.md): mean and covariance errors
/// on all samples, MMD² (h = 1) on 5,000 vs 5,000 exact, target statistics (<see cref="Evaluator"/>); exact W2
/// on 2,000 vs 2,000, the symmetry-aware W2 and energy W2 for particle systems and, where the target has modes,
/// the largest mode-weight error (<see cref="TransportEvaluator"/>). Every figure stands next to its floor: exact
/// samples, or for targets without an exact sampler the independent half of a long-MCMC reference set.
/// </summary>
public static class SampleQuality
{
    /// <summary>
    /// The transport metrics the benchmark reports on 2,000 points per side: exact W2, mode weights, and the
    /// symmetry-aware W2 of particle targets (on wherever the target has a particle layout; <see cref="Measure"/>
    /// adds their energy W2).
    /// </summary>
    public static TransportOptions Transport { get; } = new() { SlicedW2 = false, EnergyW2 = false, Sinkhorn = false, MedianMmd = false };

    /// <summary>
    /// The figures of <paramref name="samples"/> in table order: mean error, covariance error, MMD², W2,
    /// symmetry-aware W2 and energy W2 (particle targets), mode-weight error (if the target has modes), then
    /// each target statistic with its exact value. Reference and floor sets come from <paramref name="seed"/>,
    /// or from draw <paramref name="seed"/> of <paramref name="reference"/> when it is given (required without an
    /// exact sampler: the halves of a long-MCMC set, or a random draw of the DEM split), so methods measured with
    /// one seed share them.
    /// </summary>
    /// <exception cref="ArgumentException">The target has no exact sampler and no reference set is given.</exception>
    public static IReadOnlyList<MetricValue> Measure(Target target, SampleSet samples, ulong seed, ITransportReference? reference = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(samples);
        var moments = Evaluator.Evaluate(target, samples, seed);
        // docs/metrics.md asks for the energy W2 next to the symmetry-aware W2 on particle systems.
        var options = Transport with { EnergyW2 = target.Particles is not null };
        var transport = reference is null
            ? TransportEvaluator.Evaluate(target, samples, seed, options)
            : TransportEvaluator.Evaluate(target, samples, reference, options, draw: seed);
        return MetricValue.From(moments, transport);
    }
}
