namespace BoltzDrift.Benchmarks;

/// <summary>One quality figure of a method over seeds: mean ± std of its value and of its exact-sample floor.</summary>
/// <param name="Key">Machine name, as in <see cref="MetricValue.Key"/>.</param>
/// <param name="Label">Column heading.</param>
/// <param name="Value">Over seeds; null where never available.</param>
/// <param name="Floor">The exact-sample floor over seeds; null where there is none.</param>
/// <param name="Exact">Exact value of a target statistic, or null.</param>
public sealed record MetricSummary(string Key, string Label, MeanStd? Value, MeanStd? Floor, double? Exact);

/// <summary>A method's runs over all seeds, each figure as mean ± std (one row of the benchmark table).</summary>
/// <param name="Method">Method name.</param>
/// <param name="Match">How its resources were set.</param>
/// <param name="Seeds">Number of runs summarised.</param>
/// <param name="Metrics">Quality figures, in table order.</param>
/// <param name="EnergyEvaluations">Energy values computed.</param>
/// <param name="GradientEvaluations">Gradients computed.</param>
/// <param name="TotalSeconds">Wall time of the whole run.</param>
/// <param name="SamplesPerSecond">Sampling throughput after training or warm-up.</param>
/// <param name="EffectiveSampleSize">ESS of the sampling draws (MCMC only).</param>
/// <param name="EssPerSecond">ESS per second of the whole run (MCMC only).</param>
/// <param name="PeakManagedMegabytes">Peak managed-heap growth in MiB (<see cref="PeakMemoryProbe"/>).</param>
public sealed record MethodSummary(
    string Method,
    BudgetMatch Match,
    int Seeds,
    IReadOnlyList<MetricSummary> Metrics,
    MeanStd EnergyEvaluations,
    MeanStd GradientEvaluations,
    MeanStd TotalSeconds,
    MeanStd SamplesPerSecond,
    MeanStd? EffectiveSampleSize,
    MeanStd? EssPerSecond,
    MeanStd PeakManagedMegabytes)
{
    /// <summary>Summarises the runs of one method and match (one per seed; all with the same metric keys).</summary>
    public static MethodSummary Of(IReadOnlyList<MethodRun> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("No runs to summarise.", nameof(runs));
        var first = runs[0];
        if (runs.Any(r => r.Method != first.Method || r.Match != first.Match))
            throw new ArgumentException("The runs summarised together must be of one method and match.", nameof(runs));
        var metrics = first.Metrics.Select(m => new MetricSummary(m.Key, m.Label,
            MeanStd.OfAvailable(runs.Select(r => r.Metric(m.Key)?.Value)),
            MeanStd.OfAvailable(runs.Select(r => r.Metric(m.Key)?.Floor)),
            m.Exact)).ToArray();
        return new(first.Method, first.Match, runs.Count, metrics,
            MeanStd.Of(runs.Select(r => (double)r.EnergyEvaluations)),
            MeanStd.Of(runs.Select(r => (double)r.GradientEvaluations)),
            MeanStd.Of(runs.Select(r => r.TotalSeconds)),
            MeanStd.Of(runs.Select(r => r.SamplesPerSecond)),
            MeanStd.OfAvailable(runs.Select(r => r.EffectiveSampleSize)),
            MeanStd.OfAvailable(runs.Select(r => r.EssPerSecond)),
            MeanStd.Of(runs.Select(r => r.PeakManagedBytes / (1024.0 * 1024.0))));
    }
}

/// <summary>The break-even of BoltzDrift against one baseline and match over seeds, each figure as mean ± std.</summary>
/// <param name="Method">The baseline.</param>
/// <param name="Match">How its resources were set.</param>
/// <param name="EvaluationsPerEffectiveSample">The baseline's evaluations per effective sample.</param>
/// <param name="SecondsPerEffectiveSample">The baseline's wall time per effective sample.</param>
/// <param name="SamplesByEvaluations">BoltzDrift samples beyond which it costs fewer evaluations per sample.</param>
/// <param name="SamplesByTime">BoltzDrift samples beyond which it costs less wall time per sample.</param>
public sealed record BreakEvenSummary(
    string Method,
    BudgetMatch Match,
    MeanStd EvaluationsPerEffectiveSample,
    MeanStd SecondsPerEffectiveSample,
    MeanStd SamplesByEvaluations,
    MeanStd SamplesByTime)
{
    /// <summary>Summarises the break-even points of one baseline and match (one per seed).</summary>
    public static BreakEvenSummary Of(IReadOnlyList<BreakEvenPoint> points)
    {
        if (points.Count == 0) throw new ArgumentException("No break-even points to summarise.", nameof(points));
        var first = points[0];
        if (points.Any(p => p.Method != first.Method || p.Match != first.Match))
            throw new ArgumentException("The points summarised together must be of one baseline and match.", nameof(points));
        return new(first.Method, first.Match,
            MeanStd.Of(points.Select(p => p.BaselineEvaluationsPerEffectiveSample)),
            MeanStd.Of(points.Select(p => p.BaselineSecondsPerEffectiveSample)),
            MeanStd.Of(points.Select(p => p.SamplesByEvaluations)),
            MeanStd.Of(points.Select(p => p.SamplesByTime)));
    }
}
