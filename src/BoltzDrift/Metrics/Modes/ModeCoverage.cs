using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics.Modes;

/// <summary>
/// How a sample set spreads over K modes (docs/metrics.md): the fraction of samples in each, and what that says
/// about mode collapse.
/// </summary>
/// <param name="Weights">Fraction of the assigned samples in each mode (sums to 1 over assigned samples).</param>
/// <param name="Unassigned">Samples the assigner placed in no mode (e.g. non-finite), left out of the weights.</param>
/// <param name="Emc">Entropic mode coverage -Σ_k w_k log w_k / log K: 1 for equal weights, 0 when one mode holds everything.</param>
/// <param name="ExactWeights">The target's exact mode weights, or null when unknown.</param>
/// <param name="MaxWeightError">max_k |w_k - exact_k|, or null without exact weights.</param>
public sealed record ModeCoverage(double[] Weights, int Unassigned, double Emc, double[]? ExactWeights, double? MaxWeightError);

/// <summary>Mode weights, their largest error and entropic mode coverage.</summary>
public static class ModeWeights
{
    /// <summary>
    /// Counts the samples per mode and returns the weights over the assigned samples, with the number of
    /// unassigned samples (index -1) in <paramref name="unassigned"/>. All weights are 0 if none is assigned.
    /// </summary>
    /// <exception cref="InvalidOperationException">The assigner returned an index outside [-1, modeCount).</exception>
    public static double[] Estimate(SampleSet samples, ModeAssigner assign, int modeCount, out int unassigned)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(assign);
        ArgumentOutOfRangeException.ThrowIfLessThan(modeCount, 1);
        var counts = new long[modeCount];
        unassigned = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            int mode = assign(samples[i]);
            if (mode == -1) unassigned++;
            else if ((uint)mode < (uint)modeCount) counts[mode]++;
            else throw new InvalidOperationException($"The mode assigner returned {mode}, outside [-1, {modeCount}).");
        }
        long assigned = samples.Count - unassigned;
        var weights = new double[modeCount];
        if (assigned > 0)
            for (int k = 0; k < modeCount; k++) weights[k] = (double)counts[k] / assigned;
        return weights;
    }

    /// <summary>
    /// Entropic mode coverage -Σ_k w_k log w_k / log K over K = weights.Length modes (0 log 0 = 0): 1 when
    /// all modes are equally populated, 0 when a single mode holds all the mass. Defined as 1 for K = 1.
    /// The weights should sum to 1. Note that a target with unequal exact weights has EMC below 1.
    /// </summary>
    public static double EntropicCoverage(ReadOnlySpan<double> weights)
    {
        if (weights.Length == 0) throw new ArgumentException("No modes.", nameof(weights));
        if (weights.Length == 1) return 1;
        double entropy = 0;
        foreach (double w in weights)
        {
            if (w > 0) entropy -= w * Math.Log(w);
        }
        return entropy / Math.Log(weights.Length);
    }

    /// <summary>max_k |weights_k - exact_k|.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double MaxAbsoluteError(ReadOnlySpan<double> weights, ReadOnlySpan<double> exact)
    {
        if (weights.Length != exact.Length)
            throw new ArgumentException($"{weights.Length} weights against {exact.Length} exact weights.");
        double max = 0;
        for (int k = 0; k < weights.Length; k++) max = Math.Max(max, Math.Abs(weights[k] - exact[k]));
        return max;
    }

    /// <summary>Mode weights, EMC and the largest weight error against <paramref name="exactWeights"/> (K = its length).</summary>
    public static ModeCoverage Evaluate(SampleSet samples, ModeAssigner assign, double[] exactWeights)
    {
        ArgumentNullException.ThrowIfNull(exactWeights);
        var weights = Estimate(samples, assign, exactWeights.Length, out int unassigned);
        return new ModeCoverage(weights, unassigned, EntropicCoverage(weights), (double[])exactWeights.Clone(), MaxAbsoluteError(weights, exactWeights));
    }

    /// <summary>Mode weights and EMC over <paramref name="modeCount"/> modes, without exact weights.</summary>
    public static ModeCoverage Evaluate(SampleSet samples, ModeAssigner assign, int modeCount)
    {
        var weights = Estimate(samples, assign, modeCount, out int unassigned);
        return new ModeCoverage(weights, unassigned, EntropicCoverage(weights), null, null);
    }
}
