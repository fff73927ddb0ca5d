namespace BoltzDrift.Drift;

/// <summary>
/// An estimator of the target side of the drift, V+(x) = m_p(x) - x = s² ∇log p_s(x)
/// (docs/method.md §3), at a batch of points.
/// </summary>
public interface ITargetDrift
{
    /// <summary>
    /// Writes V+ at each of the points (row-major, count × d) for bandwidth <paramref name="bandwidth"/>
    /// into <paramref name="drift"/>. <paramref name="seed"/> fixes any randomness of this call (the
    /// trainer derives it from the run seed, step and bandwidth term), so results do not depend on
    /// the thread count. Counts go into <paramref name="diagnostics"/>.
    /// </summary>
    void Estimate(ReadOnlySpan<float> points, double bandwidth, Span<float> drift, ulong seed, DriftDiagnostics diagnostics);
}
