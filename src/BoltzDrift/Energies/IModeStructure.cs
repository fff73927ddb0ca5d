using BoltzDrift.Sampling;

namespace BoltzDrift.Energies;

/// <summary>
/// The modes of a multi-modal target, for the mode-weight metrics (docs/metrics.md, "Modes"): how many there
/// are, the exact probability of each, and which mode a point belongs to. The weights are the exact masses
/// of the regions that <see cref="Assign"/> carves out, so the fractions of exact samples per mode agree
/// with them up to sampling noise: no bias from overlapping components.
/// </summary>
public interface IModeStructure
{
    /// <summary>Number of modes K; modes are numbered 0 … K-1.</summary>
    int Count { get; }

    /// <summary>Exact probability of mode <paramref name="mode"/>; the weights sum to 1.</summary>
    double Weight(int mode);

    /// <summary>
    /// The mode (0 … K-1) whose region contains <paramref name="point"/> (length d). Always a valid index: a
    /// point with NaN coordinates goes to mode 0 (such samples are counted, not dropped).
    /// </summary>
    int Assign(ReadOnlySpan<double> point);
}

/// <summary>Helpers over any <see cref="IModeStructure"/>.</summary>
public static class ModeStructureExtensions
{
    /// <summary>All K exact weights, in mode order.</summary>
    public static double[] Weights(this IModeStructure modes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        var weights = new double[modes.Count];
        for (int k = 0; k < weights.Length; k++) weights[k] = modes.Weight(k);
        return weights;
    }

    /// <summary>The fraction of <paramref name="samples"/> assigned to each mode (length K).</summary>
    public static double[] Fractions(this IModeStructure modes, SampleSet samples)
    {
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(samples);
        var fractions = new double[modes.Count];
        if (samples.Count == 0) return fractions;
        for (int i = 0; i < samples.Count; i++) fractions[modes.Assign(samples[i])]++;
        for (int k = 0; k < fractions.Length; k++) fractions[k] /= samples.Count;
        return fractions;
    }
}
