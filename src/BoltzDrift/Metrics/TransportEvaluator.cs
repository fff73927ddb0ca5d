using BoltzDrift.Energies.Particles;
using BoltzDrift.Energies;
using BoltzDrift.Metrics.Modes;
using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;
using BoltzDrift.References;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics;

/// <summary>
/// Evaluates samples with the transport and mode metrics of docs/metrics.md (exact W2, symmetry-aware W2 for
/// particle targets, sliced W2, energy W2, Sinkhorn divergence, mode weights, and the median-bandwidth
/// MMD), each next to its noise
/// floor, following <see cref="Evaluator"/>: the floor is the same metric for an independent set of
/// exact samples (or long-MCMC samples, from a <see cref="ReferenceSet"/> or supplied) of the same size against the same reference.
/// Leaves <see cref="Evaluator"/> and its report untouched.
/// </summary>
public static class TransportEvaluator
{
    /// <summary>Stream of <see cref="Rng"/> for the exact reference set (Evaluator uses 0 and 1).</summary>
    public const ulong ReferenceStream = 2;

    /// <summary>Stream of <see cref="Rng"/> for the exact floor set.</summary>
    public const ulong FloorStream = 3;

    /// <summary>
    /// Compares the first n = min(N, SampleSize) samples with n exact samples (stream 2 of
    /// <paramref name="seed"/>), and an independent exact set of n (stream 3) with the same reference for
    /// the floor.
    /// </summary>
    /// <exception cref="ArgumentException">The target has no exact sampler, or the samples are unfit (dimension, count, non-finite).</exception>
    public static TransportReport Evaluate(Target target, SampleSet samples, ulong seed, TransportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.ExactSampler is not { } sampler)
            throw new ArgumentException($"Target '{target.Name}' has no exact sampler: supply reference and floor sets.", nameof(target));
        options ??= new TransportOptions();
        int n = Math.Min(samples.Count, options.SampleSize);
        var referenceRng = new Rng(seed, ReferenceStream);
        var floorRng = new Rng(seed, FloorStream);
        var reference = options.StratifiedReference ? StratifiedMixture.Sample(target, n, ref referenceRng) : sampler.Sample(n, ref referenceRng);
        var floor = sampler.Sample(n, ref floorRng);
        return Evaluate(target, samples, reference, floor, options) with { Seed = seed };
    }

    /// <summary>
    /// Compares the first n = min(N, SampleSize) samples with n points of a reference for targets without an
    /// exact sampler (dw4, lj13), and an independent set of the same source with that reference for the floor
    /// (<see cref="ITransportReference.Draw"/>: disjoint halves of a long-MCMC set's chains, or disjoint random
    /// draws of <paramref name="draw"/> from the DEM split). The floor must be the metric for a set independent
    /// of the reference. References of particle systems have their centre of mass removed; the symmetry-aware
    /// W2s centre both sides and the energies are translation invariant, so samples need not be centred.
    /// </summary>
    /// <exception cref="ArgumentException">The reference belongs to another target, or the samples are unfit (dimension, count, non-finite).</exception>
    /// <exception cref="InvalidDataException">A long-MCMC set's sample count does not match its chains.</exception>
    public static TransportReport Evaluate(Target target, SampleSet samples, ITransportReference reference, TransportOptions? options = null, ulong draw = 0)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(reference);
        if (!string.Equals(reference.Target, target.Name, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"The reference set is of target '{reference.Target}', not '{target.Name}'.", nameof(reference));
        options ??= new TransportOptions();
        var (referenceSet, floorSet) = reference.Draw(Math.Max(1, Math.Min(samples.Count, options.SampleSize)), draw);
        return Evaluate(target, samples, referenceSet, floorSet, options, reference.Source) with { ReferenceNote = reference.Caveat };
    }

    /// <summary>
    /// <paramref name="draws"/> evaluations against draws <paramref name="seed"/>, <paramref name="seed"/> + 1, …
    /// of <paramref name="reference"/>, averaged, with their standard deviation as the spread
    /// (<see cref="TransportReport.Spread"/>, <see cref="TransportReport.FloorSpread"/>). Draw k evaluates its own
    /// random n of the samples (<see cref="DrawSamples"/>), so files in chain order are sampled evenly too.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is below 1.</exception>
    /// <exception cref="ArgumentException">As <see cref="Evaluate(Target, SampleSet, ITransportReference, TransportOptions?, ulong)"/>.</exception>
    public static TransportReport Evaluate(Target target, SampleSet samples, ITransportReference reference, int draws, ulong seed, TransportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        options ??= new TransportOptions();
        int n = Math.Max(1, Math.Min(samples.Count, options.SampleSize));
        var reports = new TransportReport[draws];
        for (int k = 0; k < draws; k++)
        {
            ulong draw = seed + (ulong)k;
            reports[k] = Evaluate(target, DrawSamples(samples, n, draw), reference, options, draw);
        }
        return TransportReport.Average(reports) with { Seed = seed };
    }

    /// <summary>Stream of <see cref="Rng"/> for choosing the evaluated samples of a draw.</summary>
    public const ulong SampleDrawStream = 4;

    /// <summary>
    /// <paramref name="count"/> of <paramref name="samples"/> chosen uniformly at random without replacement, in
    /// the order drawn (seed <paramref name="draw"/>); all of them, in order, when there are no more.
    /// </summary>
    internal static SampleSet DrawSamples(SampleSet samples, int count, ulong draw)
    {
        if (samples.Count <= count) return samples;
        var rng = new Rng(draw, SampleDrawStream);
        return RandomRows.Take(samples, RandomRows.Indices(samples.Count, count, ref rng));
    }

    /// <summary>
    /// Compares the first n samples with the first n of <paramref name="reference"/>, and the first n of
    /// <paramref name="floorSamples"/> (independent of the reference, e.g. other long-MCMC chains) with
    /// the same reference for the floor; n = min of the three counts and SampleSize.
    /// <paramref name="floorSource"/> says where the reference and floor sets come from, for the report.
    /// </summary>
    /// <exception cref="ArgumentException">Dimensions disagree with the target, a set has fewer than two points, or a point is non-finite.</exception>
    public static TransportReport Evaluate(Target target, SampleSet samples, SampleSet reference, SampleSet floorSamples, TransportOptions? options = null,
        FloorSource floorSource = FloorSource.Exact)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(floorSamples);
        options ??= new TransportOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SampleSize, 2, nameof(options));
        string what = $"target '{target.Name}'";
        SampleChecks.RequireDimension(samples, target.Dimension, what, nameof(samples));
        SampleChecks.RequireDimension(reference, target.Dimension, what, nameof(reference));
        SampleChecks.RequireDimension(floorSamples, target.Dimension, what, nameof(floorSamples));
        int n = Math.Min(Math.Min(samples.Count, options.SampleSize), Math.Min(reference.Count, floorSamples.Count));
        var evaluated = samples.Take(n);
        var referenceSet = reference.Take(n);
        var floorSet = floorSamples.Take(n);
        SampleChecks.RequireCount(evaluated, 2, nameof(samples));
        SampleChecks.RequireFinite(evaluated, nameof(samples));
        SampleChecks.RequireFinite(referenceSet, nameof(reference));
        SampleChecks.RequireFinite(floorSet, nameof(floorSamples));

        var particles = options.Particles ?? target.Particles;
        if (particles is { } layout && layout.Dimension != target.Dimension) particles = null;
        var modes = options.ModeWeights ? options.Modes ?? ModeDefinition.ForTarget(target) : null;
        double? bandwidth = options.MedianMmd ? Mmd.MedianHeuristicBandwidth(referenceSet, floorSet) : null;
        var metrics = Measure(target, evaluated, referenceSet, options, particles, modes, bandwidth, out var weights);
        var floor = Measure(target, floorSet, referenceSet, options, particles, modes, bandwidth, out _);
        return new TransportReport(target.Name, n, null, metrics, floor,
            options.SinkhornOptions.Epsilon, options.SlicedDirections, bandwidth, weights) { FloorSource = floorSource, Protocol = options.Protocol };
    }

    private static readonly SymmetryAlignmentOptions OneShot = new() { Method = SymmetryAlignmentMethod.HungarianThenKabsch };

    private static TransportMetrics Measure(
        Target target, SampleSet samples, SampleSet reference, TransportOptions options,
        ParticleLayout? particles, ModeDefinition? modes, double? bandwidth, out double[]? modeWeights)
    {
        var parallelism = options.Parallelism ?? Parallelism.Default;
        double? w2 = options.W2 ? Wasserstein.W2(samples, reference, parallelism) : null;
        double? symmetric = particles is { } layout && options.SymmetryAwareW2
            ? SymmetryAwareWasserstein.W2(samples, reference, layout, options.SymmetryOptions, parallelism)
            : null;
        double? geometric = particles is { } oneShot && options.GeometricW2
            ? SymmetryAwareWasserstein.W2(samples, reference, oneShot, OneShot, parallelism)
            : null;
        double? sliced = options.SlicedW2 ? SlicedWasserstein.W2(samples, reference, options.SlicedDirections, options.SlicedSeed) : null;
        EnergyW2Result? energy = options.EnergyW2 ? EnergyWasserstein.Compute(target.Energy, samples, reference) : null;
        double? sinkhorn = options.Sinkhorn ? Transport.Sinkhorn.Divergence(samples, reference, options.SinkhornOptions, parallelism).Value : null;
        double? harness = options.HarnessSinkhorn
            ? Transport.Sinkhorn.Divergence(samples, reference, options.SinkhornOptions with
            {
                Epsilon = TransportOptions.HarnessSinkhornRelativeEpsilon * CostMatrix.MeanSquaredEuclidean(samples, reference),
            }, parallelism).Value
            : null;
        ModeCoverage? coverage = modes is null ? null : ModeWeights.Evaluate(samples, modes.Assign, modes.ExactWeights);
        double? mmd = bandwidth is { } h ? Mmd.SquaredRbfUnbiased(samples, reference, h) : null;
        modeWeights = coverage?.Weights;
        return new TransportMetrics(w2, symmetric, sliced, energy?.Value, sinkhorn,
            coverage?.MaxWeightError, coverage?.Emc, mmd, energy?.NonFiniteA ?? 0)
        { GeometricW2 = geometric, HarnessSinkhorn = harness };
    }
}
