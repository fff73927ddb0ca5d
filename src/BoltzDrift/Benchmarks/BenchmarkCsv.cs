using System.Globalization;
using System.Text;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// The benchmark as CSV, one row per run (method × match × seed), for spreadsheets and plots: every metric
/// and its floor, every cost, and for baseline runs the break-even against BoltzDrift of the same seed.
/// Invariant culture, round-trip numbers, empty cells where a figure does not apply.
/// </summary>
public static class BenchmarkCsv
{
    /// <summary>Columns before the metrics.</summary>
    public static IReadOnlyList<string> LeadingColumns { get; } = ["target", "method", "match", "seed"];

    /// <summary>Columns after the metrics.</summary>
    public static IReadOnlyList<string> CostColumns { get; } =
    [
        "evaluated_samples", "energy_evals", "gradient_evals", "setup_s", "sampling_s", "total_s", "steps", "draws",
        "samples_per_s", "ess", "ess_per_s", "peak_managed_mb", "evals_per_effective_sample", "s_per_effective_sample",
        "break_even_samples_evals", "break_even_samples_time", "details",
    ];

    /// <summary>The header row's columns: <see cref="LeadingColumns"/>, each metric key and key_floor, then <see cref="CostColumns"/>.</summary>
    public static IReadOnlyList<string> Columns(BenchmarkResult result) =>
        LeadingColumns.Concat(MetricKeys(result).SelectMany(k => new[] { k, k + "_floor" })).Concat(CostColumns).ToArray();

    /// <summary>The CSV text (header and one line per run, '\n' line ends).</summary>
    public static string Render(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var keys = MetricKeys(result);
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns(result))).Append('\n');
        foreach (var run in result.Runs)
        {
            var point = result.BreakEvenPoints.FirstOrDefault(p => p.Method == run.Method && p.Match == run.Match && p.Seed == run.Seed);
            var cells = new List<string> { result.Target, run.Method, run.Match.Label(), run.Seed.ToString(CultureInfo.InvariantCulture) };
            foreach (string key in keys)
            {
                var metric = run.Metric(key);
                cells.Add(Number(metric?.Value));
                cells.Add(Number(metric?.Floor ?? metric?.Exact));
            }
            cells.AddRange(
            [
                Number(run.EvaluatedSamples), Number(run.EnergyEvaluations), Number(run.GradientEvaluations), Number(run.SetupSeconds),
                Number(run.SamplingSeconds), Number(run.TotalSeconds), Number(run.Steps), Number(run.Draws), Number(run.SamplesPerSecond),
                Number(run.EffectiveSampleSize), Number(run.EssPerSecond), Number(run.PeakManagedBytes / (1024.0 * 1024.0)),
                Number(point?.BaselineEvaluationsPerEffectiveSample), Number(point?.BaselineSecondsPerEffectiveSample),
                Number(point?.SamplesByEvaluations), Number(point?.SamplesByTime), Quote(run.Details),
            ]);
            text.Append(string.Join(',', cells)).Append('\n');
        }
        return text.ToString();
    }

    private static IReadOnlyList<string> MetricKeys(BenchmarkResult result) =>
        result.Runs.SelectMany(r => r.Metrics.Select(m => m.Key)).Distinct().ToArray();

    private static string Number(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";
}
