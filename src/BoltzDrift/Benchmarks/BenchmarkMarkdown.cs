using System.Globalization;
using System.Text;
using BoltzDrift.Metrics;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// The benchmark as Markdown: a heading with the protocol, the results table (one row per method and
/// match, then the floor row: exact samples, or long-MCMC for targets without an exact sampler), and the break-even table, each figure mean ± std over seeds.
/// </summary>
public static class BenchmarkMarkdown
{
    /// <summary>Cost columns of the results table, after the metric columns.</summary>
    public static IReadOnlyList<string> CostColumns { get; } =
        ["energy evals", "grad evals", "wall s", "samples/s", "ESS", "ESS/s", "peak MB"];

    /// <summary>Columns of the break-even table.</summary>
    public static IReadOnlyList<string> BreakEvenColumns { get; } =
        ["baseline", "match", "evals / eff. sample", "break-even n (evals)", "s / eff. sample", "break-even n (time)"];

    /// <summary>The whole report: heading, protocol notes, results table, break-even table.</summary>
    public static string Render(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"## BoltzDrift vs MCMC on {result.Target}: budget {result.Budget}, seeds {string.Join(", ", result.Seeds)}\n\n");
        text.Append(c, $"Metrics on {result.SampleCount:N0} samples per method and seed (MCMC: a random subset of the recorded draws); ")
            .Append("MMD² is the unbiased RBF estimate with h = 1 on 5,000 vs 5,000 exact samples; W2 the exact (assignment) W2 on 2,000 vs 2,000; ")
            .Append("sym W2 the symmetry-aware W2 (rotations, reflections, permutations, centre of mass removed) and energy W2 the 1-D W2 of the energies (not squared), both on 2,000 vs 2,000, for particle systems; ")
            .Append("mode wt err the largest absolute error of a mode weight; ")
            .Append(c, $"mean ± std over {result.Seeds.Count} seed(s). BoltzDrift trains under the budget; each baseline ")
            .Append(c, $"({result.McmcChains} chains) gets the evaluations BoltzDrift's training used (= evals) and the wall time it took to train and draw its samples (= time).")
            .Append(result.FloorSource switch
            {
                FloorSource.LongMcmc => " No exact sampler: the transport metrics compare against the first half of the chains of a long-MCMC reference set, their floors are the second half's (the same for every seed).\n\n",
                FloorSource.DemSplit => " No exact sampler: the transport metrics compare against 2,000 configurations drawn at random from the DEM test split, their floors are 2,000 other configurations of it (a new draw for every seed).\n\n",
                _ => "\n\n",
            });
        if (result.ReferenceNote is { } note) text.Append("Note on the reference: ").Append(note).Append("\n\n");
        text.Append(ResultsTable(result)).Append('\n');
        text.Append("Evaluations: energy values and gradients counted exactly (a gradient counts as one evaluation towards the budget). ")
            .Append("samples/s: BoltzDrift's generator throughput after training; MCMC draws (T = 1, before thinning) per second of the sampling phase. ")
            .Append("ESS: MCMC effective sample size over every sampling draw (multi-chain autocorrelation ESS of block means, smallest over coordinates); ")
            .Append("BoltzDrift's samples are independent. ESS/s over the whole run, warm-up included. ")
            .Append(c, $"peak MB: largest managed-heap growth during the run (polled GC.GetTotalMemory); process peak working set {result.ProcessPeakWorkingSetBytes / (1024.0 * 1024.0):F0} MB. ")
            .Append(c, $"Whole benchmark: {result.WallSeconds:F0} s.\n\n");
        text.Append("### Break-even: BoltzDrift samples needed before its cost per sample (training amortised + per-sample cost) beats the baseline's cost per effective sample\n\n");
        text.Append(BreakEvenTable(result)).Append('\n');
        text.Append("n* = training cost / (baseline cost per effective sample - BoltzDrift cost per sample); BoltzDrift's per-sample cost is 0 evaluations ")
            .Append("and 1 / throughput seconds. ∞: BoltzDrift never catches up in that unit. ")
            .Append("The break-even compares costs at the quality each method reached here: read it next to the metrics above.\n");
        return text.ToString();
    }

    /// <summary>The results table: method, match, every metric, then <see cref="CostColumns"/>; last the floor row.</summary>
    public static string ResultsTable(BenchmarkResult result)
    {
        var metrics = result.Drift.Metrics;
        var header = new[] { "method", "match" }.Concat(metrics.Select(m => m.Label)).Concat(CostColumns).ToArray();
        var rows = result.Summaries.Select(s => (IReadOnlyList<string>)new[] { s.Method, s.Match.Label() }
            .Concat(metrics.Select(m => NumberFormat.Compact(s.Metrics.FirstOrDefault(x => x.Key == m.Key)?.Value)))
            .Concat(
            [
                NumberFormat.Compact(s.EnergyEvaluations), NumberFormat.Compact(s.GradientEvaluations), NumberFormat.Compact(s.TotalSeconds),
                NumberFormat.Compact(s.SamplesPerSecond), s.EffectiveSampleSize is null ? "iid" : NumberFormat.Compact(s.EffectiveSampleSize),
                NumberFormat.Compact(s.EssPerSecond), NumberFormat.Compact(s.PeakManagedMegabytes),
            ]).ToArray()).ToList();
        rows.Add(new[] { $"{result.FloorSource.Label()} floor", "" }
            .Concat(metrics.Select(m => m.Exact is double exact ? "exact " + NumberFormat.Compact(exact) : NumberFormat.Compact(m.Floor)))
            .Concat(CostColumns.Select(_ => "")).ToArray());
        return MarkdownTable.Render(header, rows);
    }

    /// <summary>The break-even table: one row per baseline and match, columns <see cref="BreakEvenColumns"/>.</summary>
    public static string BreakEvenTable(BenchmarkResult result) => MarkdownTable.Render(BreakEvenColumns,
        result.BreakEven.Select(b => (IReadOnlyList<string>)
        [
            b.Method, b.Match.Label(),
            NumberFormat.Compact(b.EvaluationsPerEffectiveSample), NumberFormat.Compact(b.SamplesByEvaluations),
            NumberFormat.Compact(b.SecondsPerEffectiveSample), NumberFormat.Compact(b.SamplesByTime),
        ]));
}
