using BoltzDrift.Energies;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// Energy W2 between two sample sets, with the energies that had to be left out.
/// </summary>
/// <param name="Value">
/// The 1-D W2 between the finite energies of the two sets, NOT squared: sqrt(∫ (F_a^-1 - F_b^-1)^2), which
/// for equal counts is the root mean squared difference of the sorted energies. In energy units (kT).
/// </param>
/// <param name="NonFiniteA">Points of the first set whose energy was NaN or infinite, skipped.</param>
/// <param name="NonFiniteB">Points of the second set whose energy was NaN or infinite, skipped.</param>
public readonly record struct EnergyW2Result(double Value, int NonFiniteA, int NonFiniteB);

/// <summary>
/// Energy W2 (docs/metrics.md): how far the distribution of E(x) over one set is from that over another,
/// a sharp check for particle systems where a small displacement can change the energy a lot.
/// </summary>
public static class EnergyWasserstein
{
    /// <summary>
    /// Evaluates <paramref name="energy"/> (double precision) at every point of both sets, skips the
    /// non-finite energies (counting them), and returns the 1-D W2 between the rest; the sets may then
    /// have different sizes, handled exactly by quantile matching.
    /// </summary>
    /// <exception cref="ArgumentException">Dimensions differ, or a set has no finite energy at all.</exception>
    public static EnergyW2Result Compute(Energy energy, SampleSet a, SampleSet b)
    {
        ArgumentNullException.ThrowIfNull(energy);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        SampleChecks.RequireDimension(a, energy.Dimension, "the energy", nameof(a));
        SampleChecks.RequireDimension(b, energy.Dimension, "the energy", nameof(b));
        return FromEnergies(Evaluate(energy, a), Evaluate(energy, b));
    }

    /// <summary>The same from precomputed energies: non-finite values are skipped and counted.</summary>
    /// <exception cref="ArgumentException">A set has no finite energy.</exception>
    public static EnergyW2Result FromEnergies(ReadOnlySpan<double> energiesA, ReadOnlySpan<double> energiesB)
    {
        var finiteA = Finite(energiesA, out int badA);
        var finiteB = Finite(energiesB, out int badB);
        if (finiteA.Length == 0 || finiteB.Length == 0)
            throw new ArgumentException(
                $"Energy W2 needs finite energies in both sets; finite counts are {finiteA.Length} and {finiteB.Length}.");
        Array.Sort(finiteA);
        Array.Sort(finiteB);
        return new EnergyW2Result(Math.Sqrt(Wasserstein.SquaredW2Sorted(finiteA, finiteB)), badA, badB);
    }

    private static double[] Evaluate(Energy energy, SampleSet samples)
    {
        var energies = new double[samples.Count];
        for (int i = 0; i < energies.Length; i++) energies[i] = energy.Evaluate(samples[i]);
        return energies;
    }

    private static double[] Finite(ReadOnlySpan<double> energies, out int nonFinite)
    {
        var finite = new double[energies.Length];
        int count = 0;
        foreach (double e in energies)
        {
            if (double.IsFinite(e)) finite[count++] = e;
        }
        nonFinite = energies.Length - count;
        return count == finite.Length ? finite : finite[..count];
    }
}
