namespace BoltzDrift.Benchmarks;

/// <summary>
/// When a trained sampler pays for its training. Drawing n samples costs C_train + n c (training plus the
/// per-sample cost c), i.e. C_train / n + c per sample; a baseline pays b per effective sample. The trained
/// sampler is cheaper per sample once C_train / n + c &lt; b, i.e. for n &gt; n* = C_train / (b - c).
/// The same arithmetic applies to any cost unit: target evaluations or seconds.
/// </summary>
public static class BreakEven
{
    /// <summary>
    /// n* = <paramref name="trainingCost"/> / (<paramref name="baselineCostPerEffectiveSample"/> -
    /// <paramref name="costPerSample"/>): drawing more than n* samples makes the trained sampler cheaper per
    /// sample. +∞ when the baseline's cost per effective sample does not exceed the per-sample cost (the
    /// trained sampler never catches up); 0 when there is no training cost and it is cheaper per sample.
    /// NaN if any input is NaN.
    /// </summary>
    public static double Samples(double trainingCost, double costPerSample, double baselineCostPerEffectiveSample)
    {
        if (double.IsNaN(trainingCost) || double.IsNaN(costPerSample) || double.IsNaN(baselineCostPerEffectiveSample)) return double.NaN;
        if (trainingCost < 0 || costPerSample < 0 || baselineCostPerEffectiveSample < 0)
            throw new ArgumentOutOfRangeException(nameof(trainingCost), "Costs cannot be negative.");
        double saving = baselineCostPerEffectiveSample - costPerSample;
        if (!(saving > 0)) return double.PositiveInfinity;
        return trainingCost / saving;
    }
}

/// <summary>
/// The break-even of BoltzDrift against one baseline run of the same seed, in target evaluations and in
/// wall time. The baseline's cost per effective sample is its whole run's cost (warm-up included) divided
/// by its ESS; BoltzDrift's training cost is its training run, its per-sample cost 0 evaluations and
/// 1 / (sampling throughput) seconds.
/// </summary>
/// <param name="Method">The baseline.</param>
/// <param name="Match">How the baseline's resources were set.</param>
/// <param name="Seed">The seed of both runs.</param>
/// <param name="BaselineEvaluationsPerEffectiveSample">Baseline evaluations (energy + gradient) per effective sample.</param>
/// <param name="BaselineSecondsPerEffectiveSample">Baseline wall time per effective sample.</param>
/// <param name="SamplesByEvaluations">BoltzDrift samples beyond which it is cheaper in evaluations (n*).</param>
/// <param name="SamplesByTime">BoltzDrift samples beyond which it is cheaper in wall time (n*).</param>
public sealed record BreakEvenPoint(
    string Method,
    BudgetMatch Match,
    ulong Seed,
    double BaselineEvaluationsPerEffectiveSample,
    double BaselineSecondsPerEffectiveSample,
    double SamplesByEvaluations,
    double SamplesByTime)
{
    /// <summary>Compares the BoltzDrift run <paramref name="drift"/> with the baseline run <paramref name="baseline"/>.</summary>
    /// <exception cref="ArgumentException">The baseline run has no ESS (it is not an MCMC run).</exception>
    public static BreakEvenPoint Compare(MethodRun drift, MethodRun baseline)
    {
        ArgumentNullException.ThrowIfNull(drift);
        ArgumentNullException.ThrowIfNull(baseline);
        double ess = baseline.EffectiveSampleSize
            ?? throw new ArgumentException($"{baseline.Method} has no effective sample size to compare with.", nameof(baseline));
        double evaluationsPerEffective = baseline.TotalEvaluations / ess;
        double secondsPerEffective = baseline.TotalSeconds / ess;
        return new(baseline.Method, baseline.Match, baseline.Seed, evaluationsPerEffective, secondsPerEffective,
            BreakEven.Samples(drift.TotalEvaluations, 0, evaluationsPerEffective),
            BreakEven.Samples(drift.SetupSeconds, drift.SamplingSeconds / drift.Draws, secondsPerEffective));
    }
}
