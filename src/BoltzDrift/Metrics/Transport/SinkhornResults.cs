namespace BoltzDrift.Metrics.Transport;

/// <summary>The entropic transport cost OT_eps of one problem and how its solve went.</summary>
/// <param name="Cost">
/// OT_eps = min_P &lt;P, C&gt; + eps KL(P | a⊗b), evaluated as the dual value &lt;a, f&gt; + &lt;b, g&gt;; in units
/// of |x - y|^2, so it tends to W2^2 (squared) as eps → 0, up to eps times an entropy term.
/// </param>
/// <param name="Iterations">Potential updates performed, over all annealing stages.</param>
/// <param name="MarginalError">L1 marginal violation when the solve stopped.</param>
/// <param name="Converged">Whether <see cref="SinkhornOptions.Tolerance"/> was met within the budget.</param>
public readonly record struct EntropicTransport(double Cost, int Iterations, double MarginalError, bool Converged);

/// <summary>
/// The debiased Sinkhorn divergence S_eps(a, b) = OT_eps(a, b) - (OT_eps(a, a) + OT_eps(b, b)) / 2 and its parts.
/// </summary>
/// <param name="Value">
/// S_eps: a squared quantity in units of |x - y|^2 that tends to W2^2 (not W2) as eps → 0, is ≥ 0 for
/// converged potentials, and is 0 for identical sets.
/// </param>
/// <param name="Epsilon">The epsilon it was computed at.</param>
/// <param name="CrossTerm">OT_eps(a, b).</param>
/// <param name="SelfTermA">OT_eps(a, a).</param>
/// <param name="SelfTermB">OT_eps(b, b).</param>
public readonly record struct SinkhornDivergenceResult(
    double Value, double Epsilon, EntropicTransport CrossTerm, EntropicTransport SelfTermA, EntropicTransport SelfTermB)
{
    /// <summary>Whether all three transport problems met the tolerance.</summary>
    public bool Converged => CrossTerm.Converged && SelfTermA.Converged && SelfTermB.Converged;
}
