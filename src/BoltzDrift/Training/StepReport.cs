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
    /// <summary>What each bandwidth term saw (effective neighbours, ESS, |V+|, |V-|, weight), in bandwidth order.</summary>
    public IReadOnlyList<Drift.DriftTermReport> Terms { get; init; } = [];

    /// <summary>CSV header matching <see cref="ToCsv"/>; the per-term columns hold one value per bandwidth, joined by ';'.</summary>
    public static string CsvHeader =>
        "step,loss,drift_rms,ess,bandwidths,lr,grad_norm,nonfinite_energies,uninformed_samples,curvature_clamps,energy_evals,gradient_evals,network_ms,target_drift_ms,sampler_drift_ms,"
        + "term_neighbours,term_ess,term_target_rms,term_sampler_rms,term_weights";

    /// <summary>One CSV row (invariant culture; bandwidths joined by ';').</summary>
    public string ToCsv()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return string.Join(',',
            Step.ToString(c), Loss.ToString("G6", c), DriftRms.ToString("G6", c), EffectiveSampleSize.ToString("G5", c),
            string.Join(';', Bandwidths.Select(b => b.ToString("G5", c))), LearningRate.ToString("G4", c), GradientNorm.ToString("G5", c),
            NonFiniteEnergies.ToString(c), SamplesWithoutTargetInformation.ToString(c), CurvatureClamps.ToString(c),
            EnergyEvaluations.ToString(c), GradientEvaluations.ToString(c),
            NetworkTime.TotalMilliseconds.ToString("F3", c), TargetDriftTime.TotalMilliseconds.ToString("F3", c), SamplerDriftTime.TotalMilliseconds.ToString("F3", c),
            Joined(t => t.EffectiveNeighbours), Joined(t => t.EffectiveSampleSize), Joined(t => t.TargetRms), Joined(t => t.SamplerRms), Joined(t => t.Weight));

        string Joined(Func<Drift.DriftTermReport, double> value) => string.Join(';', Terms.Select(t => value(t).ToString("G4", c)));
    }
}
