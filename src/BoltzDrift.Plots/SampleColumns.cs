using BoltzDrift.Energies;
using BoltzDrift.Sampling;

namespace BoltzDrift.Plots;

/// <summary>Per-coordinate and per-point views of a sample set, in the shapes plotting calls take.</summary>
internal static class SampleColumns
{
    /// <summary>Coordinate <paramref name="k"/> of every point.</summary>
    public static double[] Column(SampleSet samples, int k)
    {
        var column = new double[samples.Count];
        for (int i = 0; i < column.Length; i++) column[i] = samples.Values[i * samples.Dimension + k];
        return column;
    }

    /// <summary>E(x) of every point (NaN or ∞ where the energy is).</summary>
    public static double[] Energies(Energy energy, SampleSet samples)
    {
        var energies = new double[samples.Count];
        for (int i = 0; i < energies.Length; i++) energies[i] = energy.Evaluate(samples[i]);
        return energies;
    }

    /// <summary>Axis label of coordinate <paramref name="k"/>, numbered from 1 as in the target descriptions.</summary>
    public static string Name(int k) => $"x{k + 1}";
}
