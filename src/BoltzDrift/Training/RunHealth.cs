using BoltzDrift.Energies;
using BoltzDrift.Sampling;

namespace BoltzDrift.Training;

/// <summary>
/// What a training run learned about its energy, for the summary, <c>metrics.json</c> and <c>--json</c>: how
/// often the energy was not finite (NaN or ±∞) where the drift evaluated it, and what fraction of the final
/// model's samples land where the energy is not finite (where it is undefined: <c>log(x)</c> at x &lt; 0).
/// Filled in by <see cref="TrainingRun"/>.
/// </summary>
public sealed class RunHealth
{
    /// <summary>A fraction of samples with a non-finite energy above this is worth a warning (1 in 1,000).</summary>
    public const double WarningFraction = 1e-3;

    /// <summary>Energy evaluations of the drift over the steps this process trained.</summary>
    public long EnergyEvaluations { get; internal set; }

    /// <summary>Of those, the ones that were NaN or ±∞.</summary>
    public long NonFiniteEnergies { get; internal set; }

    /// <summary><see cref="NonFiniteEnergies"/> / <see cref="EnergyEvaluations"/>, or null when nothing was evaluated.</summary>
    public double? NonFiniteEnergyFraction => EnergyEvaluations > 0 ? (double)NonFiniteEnergies / EnergyEvaluations : null;

    /// <summary>Samples of the final model checked, and the fraction of them where the energy is not finite (null before the end).</summary>
    public int SamplesChecked { get; internal set; }

    /// <inheritdoc cref="SamplesChecked"/>
    public double? SamplesWithNonFiniteEnergyFraction { get; internal set; }

    /// <summary>A warning when the final samples land where the energy is not finite too often, else null.</summary>
    public string? Warning => SamplesWithNonFiniteEnergyFraction is { } f && f > WarningFraction
        ? $"{100 * f:F1}% of {SamplesChecked:N0} samples of the trained model land where the energy is not finite (undefined, NaN or ±∞); "
          + "the model puts mass where the target has none: check where the energy is defined."
        : null;

    /// <summary>The fraction of <paramref name="samples"/> where <paramref name="energy"/> is NaN or ±∞.</summary>
    public static double NonFiniteFraction(Energy energy, SampleSet samples)
    {
        int nonFinite = 0;
        for (int i = 0; i < samples.Count; i++)
            if (!double.IsFinite(energy.Evaluate(samples[i]))) nonFinite++;
        return (double)nonFinite / samples.Count;
    }
}
