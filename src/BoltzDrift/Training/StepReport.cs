namespace BoltzDrift.Training;

/// <summary>What one training step did: the figures logged to the run's CSV and shown in progress.</summary>
public sealed record StepReport(
    long Step,
    double Loss,
    double DriftRms,
    double EffectiveSampleSize,
    double[] Bandwidths,
    double LearningRate,
    double GradientNorm,
    long NonFiniteEnergies,
    long SamplesWithoutTargetInformation,
    long CurvatureClamps,
    long EnergyEvaluations,
    long GradientEvaluations,
    TimeSpan NetworkTime,
    TimeSpan TargetDriftTime,
    TimeSpan SamplerDriftTime)
{
    /// <summary>CSV header matching <see cref="ToCsv"/>.</summary>
    public static string CsvHeader =>
        "step,loss,drift_rms,ess,bandwidths,lr,grad_norm,nonfinite_energies,uninformed_samples,curvature_clamps,energy_evals,gradient_evals,network_ms,target_drift_ms,sampler_drift_ms";

    /// <summary>One CSV row (invariant culture; bandwidths joined by ';').</summary>
    public string ToCsv()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return string.Join(',',
            Step.ToString(c), Loss.ToString("G6", c), DriftRms.ToString("G6", c), EffectiveSampleSize.ToString("G5", c),
            string.Join(';', Bandwidths.Select(b => b.ToString("G5", c))), LearningRate.ToString("G4", c), GradientNorm.ToString("G5", c),
            NonFiniteEnergies.ToString(c), SamplesWithoutTargetInformation.ToString(c), CurvatureClamps.ToString(c),
            EnergyEvaluations.ToString(c), GradientEvaluations.ToString(c),
            NetworkTime.TotalMilliseconds.ToString("F3", c), TargetDriftTime.TotalMilliseconds.ToString("F3", c), SamplerDriftTime.TotalMilliseconds.ToString("F3", c));
    }
}
