namespace BoltzDrift.Drift;

/// <summary>
/// The sampler side of the drift, V-(x) ≈ s² ∇log q_s(x), estimated from the generator's own batch: first
/// <see cref="Measure"/> the batch, then <see cref="Estimate"/> every bandwidth term from that measurement.
/// </summary>
public interface ISamplerDrift
{
    /// <summary>
    /// Takes the batch (row-major, n × d) and returns the nearest-neighbour distance the bandwidths are floored by.
    /// <paramref name="extra"/> holds further samples of the generator (row-major, m × d) that only sharpen the estimate
    /// of q: every kernel sum runs over the batch and them, but no drift is estimated at them.
    /// </summary>
    double Measure(ReadOnlySpan<float> points, int dimension, ReadOnlySpan<float> extra = default);

    /// <summary>
    /// Writes V- of the measured batch for every bandwidth (term k to <c>drifts[k * n * d ..]</c>) and each term's
    /// median effective neighbour count into <paramref name="effectiveNeighbours"/>.
    /// </summary>
    void Estimate(ReadOnlySpan<double> bandwidths, Span<float> drifts, Span<double> effectiveNeighbours);
}
