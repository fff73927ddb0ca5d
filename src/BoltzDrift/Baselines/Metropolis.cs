using BoltzDrift.Numerics;

namespace BoltzDrift.Baselines;

/// <summary>The Metropolis-Hastings accept/reject decision shared by every kernel and by replica swaps.</summary>
internal static class Metropolis
{
    /// <summary>
    /// Accepts with probability min(1, exp(<paramref name="logRatio"/>)). A proposal that is not finite, or a NaN
    /// ratio, is rejected and flagged. A chain whose current energy is +∞ gets ratio +∞ and so accepts any
    /// finite proposal, which lets chains started outside the support walk into it.
    /// </summary>
    public static StepInfo Decide(double logRatio, bool proposalFinite, ref Rng rng)
    {
        if (!proposalFinite || double.IsNaN(logRatio)) return StepInfo.RejectedNonFinite;
        if (logRatio >= 0) return new StepInfo(1, true, false);
        double probability = Math.Exp(logRatio);
        return new StepInfo(probability, rng.NextDouble() < probability, false);
    }

    /// <summary>Whether an energy and its gradient are all finite, i.e. safe to move a chain to.</summary>
    public static bool IsFinite(double energy, ReadOnlySpan<double> gradient)
    {
        if (!double.IsFinite(energy)) return false;
        foreach (double g in gradient) if (!double.IsFinite(g)) return false;
        return true;
    }
}
