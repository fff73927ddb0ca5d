namespace BoltzDrift.Drift;

/// <summary>
/// What the drift estimators observed in one step: the numbers a user needs to trust (or distrust)
/// a training run. Counters are totals over the batch and all bandwidth terms.
/// </summary>
public sealed class DriftDiagnostics
{
    /// <summary>Mean effective sample size of the importance weights, 1 / Σ w², averaged over samples (IS estimator).</summary>
    public double MeanEffectiveSampleSize { get; set; } = double.NaN;
    /// <summary>Proposals whose energy was NaN or +∞ (given weight zero).</summary>
    public long NonFiniteEnergies { get; set; }
    /// <summary>Samples whose proposals all had NaN/+∞ energy: no target information, target drift set to zero.</summary>
    public long SamplesWithoutTargetInformation { get; set; }
    /// <summary>Samples where I + s²H was not positive definite and its eigenvalues were clamped (curvature estimator).</summary>
    public long CurvatureClamps { get; set; }
    /// <summary>What each bandwidth term saw (bandwidth used, effective neighbours, ESS, |V+|, |V-|, weight).</summary>
    public IReadOnlyList<DriftTermReport> Terms { get; set; } = [];
    /// <summary>Energy evaluations spent on this step.</summary>
    public long EnergyEvaluations { get; set; }
    /// <summary>Gradient (and Hessian) evaluations spent on this step.</summary>
    public long GradientEvaluations { get; set; }

    /// <summary>Clears all counters for the next step.</summary>
    public void Reset()
    {
        MeanEffectiveSampleSize = double.NaN;
        Terms = [];
        NonFiniteEnergies = SamplesWithoutTargetInformation = CurvatureClamps = EnergyEvaluations = GradientEvaluations = 0;
    }
}
