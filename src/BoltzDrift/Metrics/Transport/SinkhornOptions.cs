namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// Settings of the log-domain Sinkhorn solver. The solver anneals epsilon: it starts at the largest
/// ground cost, multiplies epsilon by <see cref="Scaling"/> per stage until it reaches
/// <see cref="Epsilon"/>, and warm-starts each stage from the potentials of the last, which is what keeps
/// epsilon = 1e-3 both stable and affordable.
/// </summary>
public sealed record SinkhornOptions
{
    /// <summary>Target entropic regularisation, in the units of the ground cost |x - y|^2 (docs/metrics.md: 1e-3).</summary>
    public double Epsilon { get; init; } = 1e-3;

    /// <summary>Factor in (0, 1) applied to epsilon from one annealing stage to the next.</summary>
    public double Scaling { get; init; } = 0.5;

    /// <summary>
    /// Convergence test of every annealing stage: the L1 violation of the transport plan's marginals,
    /// Σ_i a_i |row mass_i / a_i - 1|, as a fraction of the total mass. Converging each stage this far
    /// before lowering epsilon settles the mass moved between distant clusters while it is cheap to move;
    /// at 1e-3 the divergence is typically within 1e-4 (relative) of its converged value. At small epsilon
    /// the violation falls slowly (sublinearly) on clustered data, so much smaller tolerances cost many
    /// more iterations for little change in the value.
    /// </summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Iteration budget per transport problem over all stages (a divergence solves three).</summary>
    public int MaxIterations { get; init; } = 20_000;

    internal void Validate()
    {
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon must be positive and finite.");
        if (!(Scaling > 0 && Scaling < 1))
            throw new ArgumentOutOfRangeException(nameof(Scaling), Scaling, "The annealing factor must lie in (0, 1).");
        if (!(Tolerance > 0))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be positive.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
    }
}
