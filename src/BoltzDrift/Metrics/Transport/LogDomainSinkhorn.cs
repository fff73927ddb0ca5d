using BoltzDrift.Numerics;

namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// Log-domain Sinkhorn iterations for uniform weights, with epsilon annealing: epsilon starts at the
/// largest cost, is multiplied by <see cref="SinkhornOptions.Scaling"/> per stage until it reaches the
/// target, and each stage starts from the potentials of the last. Potential updates are soft-min
/// transforms (<see cref="SoftMinKernel"/>), so no kernel exp(-C/eps) is formed and eps = 1e-3 is stable.
/// Convergence is measured by the L1 violation of the transport plan's marginals.
/// </summary>
internal sealed class LogDomainSinkhorn(SinkhornOptions options, Parallelism parallelism)
{
    /// <summary>OT_eps between two sets given C (n×m) and its transpose (m×n): alternating updates of f and g.</summary>
    public EntropicTransport Solve(double[] cost, double[] transposed, int n, int m)
    {
        var rowsKernel = new SoftMinKernel(cost, n, m, parallelism);
        var columnsKernel = new SoftMinKernel(transposed, m, n, parallelism);
        var f = new double[n];
        var g = new double[m];
        var updated = new double[n];
        int iterations = 0;
        double error = double.PositiveInfinity;
        foreach (var (eps, tolerance, isFinal) in Schedule(MaxEntry(cost)))
        {
            while (iterations < options.MaxIterations)
            {
                rowsKernel.Apply(g, eps, updated);
                iterations++;
                error = MarginalError(f, updated, eps);
                (f, updated) = (updated, f);
                if (error <= tolerance) break;
                columnsKernel.Apply(f, eps, g);
            }
            if (isFinal || iterations >= options.MaxIterations) break;
            columnsKernel.Apply(f, eps, g);  // keep (f, g) a matched pair at the next stage's start
        }
        // f was just updated from g: the row marginals are exact and the plan has unit mass, so the dual
        // value <a, f> + <b, g> equals the entropic objective of the pair.
        return new EntropicTransport(Mean(f) + Mean(g), iterations, error, error <= options.Tolerance);
    }

    /// <summary>
    /// OT_eps of a set with itself (C symmetric, n×n) by the averaged update f ← (f + T(f)) / 2, which
    /// converges in a few iterations where plain alternation would oscillate.
    /// </summary>
    public EntropicTransport SolveSymmetric(double[] cost, int n)
    {
        var kernel = new SoftMinKernel(cost, n, n, parallelism);
        var f = new double[n];
        var transformed = new double[n];
        int iterations = 0;
        double error = double.PositiveInfinity;
        foreach (var (eps, tolerance, isFinal) in Schedule(MaxEntry(cost)))
        {
            while (iterations < options.MaxIterations)
            {
                kernel.Apply(f, eps, transformed);
                iterations++;
                error = MarginalError(f, transformed, eps);
                if (error <= tolerance) break;
                for (int i = 0; i < n; i++) f[i] = 0.5 * (f[i] + transformed[i]);
            }
            if (isFinal || iterations >= options.MaxIterations) break;
        }
        // (f, T(f)) is a matched pair: its dual value is the entropic objective whatever f is.
        return new EntropicTransport(Mean(f) + Mean(transformed), iterations, error, error <= options.Tolerance);
    }

    /// <summary>Epsilon stages from the largest cost down to the target, geometrically.</summary>
    private IEnumerable<(double Epsilon, double Tolerance, bool IsFinal)> Schedule(double maxCost)
    {
        double eps = Math.Max(maxCost, options.Epsilon);
        while (eps > options.Epsilon)
        {
            yield return (eps, options.Tolerance, false);
            eps *= options.Scaling;
        }
        yield return (options.Epsilon, options.Tolerance, true);
    }

    /// <summary>
    /// With the other potential just updated, the row masses of the plan are a_i exp((old_i - new_i) / eps);
    /// returns Σ_i a_i |exp((old_i - new_i) / eps) - 1|, the L1 violation of the row marginal.
    /// </summary>
    private static double MarginalError(double[] old, double[] updated, double eps)
    {
        double sum = 0;
        for (int i = 0; i < old.Length; i++)
            sum += Math.Abs(Math.Exp(Math.Min((old[i] - updated[i]) / eps, 700)) - 1);
        return sum / old.Length;
    }

    private static double MaxEntry(double[] values)
    {
        double max = 0;
        foreach (double v in values) max = Math.Max(max, v);
        return max;
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum / values.Length;
    }
}
