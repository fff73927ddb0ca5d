using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// Entropic optimal transport between empirical distributions (uniform weights, squared Euclidean cost
/// |x - y|^2, no factor 1/2), in float64, and the debiased Sinkhorn divergence built on it. docs/metrics.md's
/// figure is <see cref="Divergence"/> at epsilon = 1e-3 on 2,000 vs 2,000 samples.
/// <para>
/// The solver works in the log domain (soft-min updates of the dual potentials with the maximum
/// subtracted, so nothing under- or overflows at any epsilon) and anneals epsilon from the largest cost
/// down to the target by <see cref="SinkhornOptions.Scaling"/> per stage, converging each stage to
/// <see cref="SinkhornOptions.Tolerance"/> (L1 marginal violation) before the next. At small epsilon each
/// row keeps only the columns whose terms can matter (within e^-40 of the largest, with a safety margin
/// for potential drift, rebuilt when exceeded), which makes an iteration cost proportional to the kept
/// entries rather than to n m, at a relative error below 1e-14.
/// </para>
/// Every result says whether the tolerance was met within <see cref="SinkhornOptions.MaxIterations"/>;
/// the reported costs are dual values, lower bounds on OT_eps that converge from below.
/// </summary>
public static class Sinkhorn
{
    /// <summary>
    /// The debiased Sinkhorn divergence S_eps(a, b) = OT_eps(a, b) - (OT_eps(a, a) + OT_eps(b, b)) / 2
    /// (three transport problems). Its value is a cost, in units of |x - y|^2: it approaches W2^2, not W2,
    /// as epsilon falls. Sets may differ in size. Memory: 8 n m bytes for C and as much for its transpose,
    /// then 8 n^2 and 8 m^2 for the self terms, one problem at a time.
    /// </summary>
    /// <exception cref="ArgumentException">Dimensions differ, a set is empty, or a point is non-finite.</exception>
    public static SinkhornDivergenceResult Divergence(SampleSet a, SampleSet b, SinkhornOptions? options = null, Parallelism? parallelism = null)
    {
        options ??= new SinkhornOptions();
        var solver = Prepare(a, b, options, parallelism, out var p);
        var cross = SolveCross(solver, a, b, p);
        var selfA = solver.SolveSymmetric(CostMatrix.SquaredEuclidean(a, a, p), a.Count);
        var selfB = solver.SolveSymmetric(CostMatrix.SquaredEuclidean(b, b, p), b.Count);
        return new SinkhornDivergenceResult(cross.Cost - 0.5 * (selfA.Cost + selfB.Cost), options.Epsilon, cross, selfA, selfB);
    }

    /// <summary>The entropic transport cost OT_eps(a, b) alone (biased: not 0 for identical sets).</summary>
    /// <exception cref="ArgumentException">Dimensions differ, a set is empty, or a point is non-finite.</exception>
    public static EntropicTransport EntropicCost(SampleSet a, SampleSet b, SinkhornOptions? options = null, Parallelism? parallelism = null)
    {
        var solver = Prepare(a, b, options ?? new SinkhornOptions(), parallelism, out var p);
        return SolveCross(solver, a, b, p);
    }

    private static LogDomainSinkhorn Prepare(SampleSet a, SampleSet b, SinkhornOptions options, Parallelism? parallelism, out Parallelism p)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options.Validate();
        SampleChecks.RequireDimension(b, a.Dimension, "the first sample set", nameof(b));
        SampleChecks.RequireCount(a, 1, nameof(a));
        SampleChecks.RequireCount(b, 1, nameof(b));
        SampleChecks.RequireFinite(a, nameof(a));
        SampleChecks.RequireFinite(b, nameof(b));
        p = parallelism ?? Parallelism.Default;
        return new LogDomainSinkhorn(options, p);
    }

    private static EntropicTransport SolveCross(LogDomainSinkhorn solver, SampleSet a, SampleSet b, Parallelism p) =>
        solver.Solve(CostMatrix.SquaredEuclidean(a, b, p), CostMatrix.SquaredEuclidean(b, a, p), a.Count, b.Count);
}
