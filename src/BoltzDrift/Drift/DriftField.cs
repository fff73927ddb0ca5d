using BoltzDrift.Numerics;
using System.Numerics.Tensors;

namespace BoltzDrift.Drift;

/// <summary>How the drift terms of several bandwidths are weighted before they are summed.</summary>
public enum DriftNormalization
{
    /// <summary>Each term divided by its root-mean-square over the batch, so every scale pulls equally (docs/method.md §7).</summary>
    Rms,
    /// <summary>Plain sum V = Σ_k (V+_k - V-_k).</summary>
    None,
}

/// <summary>
/// The full drift V = Σ_k g_k [V+(s_k) - V-(s_k)] at a batch of generated points: the target-side
/// estimator and the sampler-side mean shift evaluated at the same bandwidths, term by term. Matched
/// information (docs/method.md §8): every bandwidth is raised to at least <see cref="NeighbourFloor"/> times
/// the batch's median nearest-neighbour distance, and a term whose sampler kernel still sees fewer than
/// <see cref="MinEffectiveNeighbours"/> effective neighbours is down-weighted by g_k = (n_eff / n_min)², both sides
/// together: a target attraction without the repulsion that balances it would turn training into descent on
/// the smoothed energy (mode collapse, samples too cold).
/// </summary>
public sealed class DriftField
{
    private readonly IReadOnlyList<ITargetDrift> _targets;
    private readonly ISamplerDrift _sampler;
    private readonly SamplerDrift? _joint;
    private float[] _targetTerm = [], _samplerTerms = [], _jointTarget = [];

    /// <param name="targets">Target-side estimator for each bandwidth term (they may differ, e.g. in proposal count).</param>
    /// <param name="sampler">Sampler-side mean shift.</param>
    /// <param name="normalization">How terms are weighted before summing.</param>
    /// <param name="neighbourFloor">Bandwidths are at least this times the batch's median nearest-neighbour distance (0 = no floor).</param>
    /// <param name="minEffectiveNeighbours">Terms whose kernel sees fewer effective neighbours are down-weighted (0 = no gate).</param>
    /// <param name="joint">
    /// With a block-factorised <paramref name="sampler"/> (<see cref="BlockSamplerDrift"/>), the full-dimensional mean shift
    /// of one more term at the largest bandwidth, whose target side is the blocks' (exact for a separable energy): block
    /// terms alone match every block's marginal but not how the blocks go together (docs/method.md §10). Null = no joint term.
    /// </param>
    public DriftField(IReadOnlyList<ITargetDrift> targets, ISamplerDrift sampler, DriftNormalization normalization,
        double neighbourFloor = 0, double minEffectiveNeighbours = 0, SamplerDrift? joint = null)
    {
        if (targets.Count == 0) throw new ArgumentException("At least one target-side estimator is needed.");
        ArgumentOutOfRangeException.ThrowIfNegative(neighbourFloor);
        ArgumentOutOfRangeException.ThrowIfNegative(minEffectiveNeighbours);
        _targets = targets;
        _sampler = sampler;
        _joint = joint;
        Normalization = normalization;
        NeighbourFloor = neighbourFloor;
        MinEffectiveNeighbours = minEffectiveNeighbours;
    }

    public DriftNormalization Normalization { get; }

    /// <summary>Factor of the batch's median nearest-neighbour distance below which no bandwidth goes.</summary>
    public double NeighbourFloor { get; }

    /// <summary>Effective neighbour count below which a term is down-weighted.</summary>
    public double MinEffectiveNeighbours { get; }

    /// <summary>Wall time of the last call spent in the target side and in the sampler side.</summary>
    public TimeSpan LastTargetTime { get; private set; }
    public TimeSpan LastSamplerTime { get; private set; }

    /// <summary>
    /// Writes V at each point (row-major, n × d) into <paramref name="drift"/>. <paramref name="seed"/>
    /// drives the target-side randomness; term k uses a seed derived from it. Each term's report goes to
    /// <see cref="DriftDiagnostics.Terms"/> (the joint term, if any, last). <paramref name="extra"/> holds further samples
    /// of the generator (row-major, m × d) that the sampler side estimates q from together with the batch (docs/method.md §4).
    /// </summary>
    public void Compute(ReadOnlySpan<float> points, int dimension, ReadOnlySpan<double> bandwidths, Span<float> drift, ulong seed,
        DriftDiagnostics diagnostics, ReadOnlySpan<float> extra = default)
    {
        int size = points.Length, terms = bandwidths.Length;
        if (_targetTerm.Length < size) _targetTerm = new float[size];
        if (_samplerTerms.Length < size * terms) _samplerTerms = new float[size * terms];
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        double nearest = _sampler.Measure(points, dimension, extra);
        var used = new double[terms];
        for (int k = 0; k < terms; k++) used[k] = Math.Max(bandwidths[k], NeighbourFloor * nearest);
        var neighbours = new double[terms];
        _sampler.Estimate(used, _samplerTerms, neighbours);
        var samplerTime = System.Diagnostics.Stopwatch.GetElapsedTime(t0);
        var targetTime = TimeSpan.Zero;
        drift[..size].Clear();
        double essTotal = 0;
        int largest = 0;
        for (int k = 1; k < terms; k++) if (used[k] > used[largest]) largest = k;
        var reports = new List<DriftTermReport>(terms + 1);
        for (int k = 0; k < terms; k++)
        {
            long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
            var plus = _targetTerm.AsSpan(0, size);
            _targets[Math.Min(k, _targets.Count - 1)].Estimate(points, used[k], plus, RandomStreams.Term(seed, k), diagnostics);
            double ess = diagnostics.MeanEffectiveSampleSize;
            essTotal += ess;
            if (_joint is not null && k == largest)
            {
                if (_jointTarget.Length < size) _jointTarget = new float[size];
                plus.CopyTo(_jointTarget);
            }
            reports.Add(AddTerm(plus, _samplerTerms.AsSpan(k * size, size), dimension, drift, used[k], neighbours[k], ess));
            targetTime += System.Diagnostics.Stopwatch.GetElapsedTime(t1);
        }
        diagnostics.MeanEffectiveSampleSize = essTotal / terms;
        if (_joint is not null)
        {
            long t2 = System.Diagnostics.Stopwatch.GetTimestamp();
            // The block terms' target side at the largest bandwidth is the full V+ there (the density factorises), so the
            // joint term costs no energy evaluations. Where the full-dimensional kernel sees too few neighbours at that
            // bandwidth, the neighbour gate turns the term down like any other.
            _joint.Measure(points, dimension, extra);
            double s = used[largest];
            var jointNeighbours = new double[1];
            _joint.Estimate([s], _samplerTerms.AsSpan(0, size), jointNeighbours);
            reports.Add(AddTerm(_jointTarget.AsSpan(0, size), _samplerTerms.AsSpan(0, size), dimension, drift, s, jointNeighbours[0], double.NaN));
            samplerTime += System.Diagnostics.Stopwatch.GetElapsedTime(t2);
        }
        diagnostics.Terms = reports;
        LastSamplerTime = samplerTime;
        LastTargetTime = targetTime;
    }

    /// <summary>
    /// Adds one term, g (V+ - V-), to <paramref name="drift"/>: normalised and gated by the effective neighbour count;
    /// <paramref name="plus"/> is overwritten. Returns the term's report.
    /// </summary>
    private DriftTermReport AddTerm(Span<float> plus, ReadOnlySpan<float> minus, int dimension, Span<float> drift,
        double bandwidth, double neighbours, double ess)
    {
        int size = plus.Length;
        float perCoordinate = MathF.Sqrt(size / (float)dimension);
        float plusRms = TensorPrimitives.Norm(plus) / perCoordinate, minusRms = TensorPrimitives.Norm(minus) / perCoordinate;
        var term = plus;
        TensorPrimitives.Subtract(plus, minus, term);
        float scale = 1f;
        if (Normalization == DriftNormalization.Rms)
        {
            float rms = TensorPrimitives.Norm(term) / perCoordinate;
            scale = rms > 0 ? 1f / rms : 0f;
        }
        double gate = MinEffectiveNeighbours > 0 ? Math.Pow(Math.Min(1, neighbours / MinEffectiveNeighbours), 2) : 1;
        scale *= (float)gate;
        TensorPrimitives.MultiplyAdd(term, scale, drift[..size], drift[..size]);
        return new DriftTermReport(bandwidth, neighbours, ess, plusRms, minusRms, scale);
    }
}
