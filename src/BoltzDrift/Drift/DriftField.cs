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
/// The full drift V = Σ_k [V+(s_k) - V-(s_k)] at a batch of generated points: the target-side
/// estimator and the sampler-side mean shift evaluated at the same bandwidths, term by term.
/// </summary>
public sealed class DriftField
{
    private readonly IReadOnlyList<ITargetDrift> _targets;
    private readonly SamplerDrift _sampler;
    private float[] _targetTerm = [], _samplerTerms = [];

    /// <param name="targets">Target-side estimator for each bandwidth term (they may differ, e.g. in proposal count).</param>
    /// <param name="sampler">Sampler-side mean shift.</param>
    /// <param name="normalization">How terms are weighted before summing.</param>
    public DriftField(IReadOnlyList<ITargetDrift> targets, SamplerDrift sampler, DriftNormalization normalization)
    {
        if (targets.Count == 0) throw new ArgumentException("At least one target-side estimator is needed.");
        _targets = targets;
        _sampler = sampler;
        Normalization = normalization;
    }

    public DriftNormalization Normalization { get; }

    /// <summary>Wall time of the last call spent in the target side and in the sampler side.</summary>
    public TimeSpan LastTargetTime { get; private set; }
    public TimeSpan LastSamplerTime { get; private set; }

    /// <summary>
    /// Writes V at each point (row-major, n × d) into <paramref name="drift"/>. <paramref name="seed"/>
    /// drives the target-side randomness; term k uses a seed derived from it.
    /// </summary>
    public void Compute(ReadOnlySpan<float> points, int dimension, ReadOnlySpan<double> bandwidths, Span<float> drift, ulong seed, DriftDiagnostics diagnostics)
    {
        int size = points.Length;
        if (_targetTerm.Length < size) _targetTerm = new float[size];
        if (_samplerTerms.Length < size * bandwidths.Length) _samplerTerms = new float[size * bandwidths.Length];
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        _sampler.Estimate(points, dimension, bandwidths, _samplerTerms);
        long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
        drift[..size].Clear();
        double essTotal = 0;
        for (int k = 0; k < bandwidths.Length; k++)
        {
            var plus = _targetTerm.AsSpan(0, size);
            _targets[Math.Min(k, _targets.Count - 1)].Estimate(points, bandwidths[k], plus, seed * 0x9E3779B97F4A7C15UL + (ulong)k, diagnostics);
            essTotal += diagnostics.MeanEffectiveSampleSize;
            var term = plus;
            TensorPrimitives.Subtract(plus, _samplerTerms.AsSpan(k * size, size), term);
            float scale = 1f;
            if (Normalization == DriftNormalization.Rms)
            {
                float rms = TensorPrimitives.Norm(term) / MathF.Sqrt(size / (float)dimension);
                scale = rms > 0 ? 1f / rms : 0f;
            }
            TensorPrimitives.MultiplyAdd(term, scale, drift[..size], drift[..size]);
        }
        diagnostics.MeanEffectiveSampleSize = essTotal / bandwidths.Length;
        long t2 = System.Diagnostics.Stopwatch.GetTimestamp();
        LastSamplerTime = System.Diagnostics.Stopwatch.GetElapsedTime(t0, t1);
        LastTargetTime = System.Diagnostics.Stopwatch.GetElapsedTime(t1, t2);
    }
}
