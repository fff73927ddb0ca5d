using System.Globalization;
using BoltzDrift.Metrics;

namespace BoltzDrift.Cli;

/// <summary>Formats an evaluation report as an aligned table: each metric next to its floor (exact-sample, or long-MCMC).</summary>
internal static class ReportTable
{
    /// <summary>The drifting paper's headline numbers on its four-mode mixture (arXiv:2603.17579).</summary>
    public static readonly IReadOnlyDictionary<string, double> PaperGmm4 = new Dictionary<string, double>
    {
        ["mean error"] = 0.0754, ["covariance error"] = 0.0425, ["MMD^2 (RBF, h=1)"] = 0.0020,
    };

    /// <summary>The table's lines: a heading, then one row per metric and statistic.</summary>
    public static IEnumerable<string> Lines(EvaluationReport report, IReadOnlyDictionary<string, double>? published = null)
    {
        var c = CultureInfo.InvariantCulture;
        string F(double? v) => v is double x ? x.ToString("G4", c) : "n/a";
        yield return $"target {report.Target}: n = {report.N} samples (MMD on {report.MmdN?.ToString(c) ?? "n/a"} vs {report.MmdN?.ToString(c) ?? "n/a"} exact), reference seed {report.Seed}";
        var rows = new List<string[]> { published is null ? ["metric", "value", "exact-sample floor"] : ["metric", "value", "exact-sample floor", "paper"] };
        void Row(string name, double? value, double? floor)
        {
            var row = new List<string> { name, F(value), F(floor) };
            if (published is not null) row.Add(published.TryGetValue(name, out double p) ? p.ToString("G4", c) : "");
            rows.Add(row.ToArray());
        }
        Row("mean error", report.Metrics.MeanError, report.Floor.MeanError);
        Row("covariance error", report.Metrics.CovarianceError, report.Floor.CovarianceError);
        Row("MMD^2 (RBF, h=1)", report.Metrics.Mmd2RbfH1, report.Floor.Mmd2RbfH1);
        foreach (var (key, s) in report.Statistics)
            rows.Add(published is null ? [key, F(s.Value), $"exact {F(s.Exact)}"] : [key, F(s.Value), $"exact {F(s.Exact)}", ""]);
        foreach (string line in Aligned(rows)) yield return line;
    }

    /// <summary>The transport table's lines: the metrics that were computed, each next to its floor, the column named after its source.</summary>
    public static IEnumerable<string> Lines(TransportReport report)
    {
        var c = CultureInfo.InvariantCulture;
        bool longMcmc = report.FloorSource == FloorSource.LongMcmc;
        yield return $"transport metrics, {report.N} vs {report.N} points (Sinkhorn epsilon {report.SinkhornEpsilon.ToString("G3", c)})"
            + (longMcmc ? "; reference and floor from disjoint halves of the long-MCMC chains:" : ":");
        var rows = new List<string[]> { new[] { "metric", "value", longMcmc ? $"{report.FloorSource.Label()} floor" : "exact-sample floor" } };
        void Row(string name, double? value, double? floor)
        {
            if (value is double v) rows.Add([name, v.ToString("G4", c), floor?.ToString("G4", c) ?? "n/a"]);
        }
        var (m, f) = (report.Metrics, report.Floor);
        Row("W2", m.W2, f.W2);
        Row("symmetry-aware W2", m.SymmetryAwareW2, f.SymmetryAwareW2);
        Row("sliced W2", m.SlicedW2, f.SlicedW2);
        Row("Sinkhorn divergence", m.Sinkhorn, f.Sinkhorn);
        Row("energy W2", m.EnergyW2, f.EnergyW2);
        Row("mode-weight error", m.ModeWeightError, f.ModeWeightError);
        Row("EMC", m.Emc, f.Emc);
        Row("MMD^2 (RBF, median h)", m.Mmd2Median, f.Mmd2Median);
        foreach (string line in Aligned(rows)) yield return line;
        if (report.ModeWeights is { Count: > 0 } weights)
            yield return $"  modes populated: {weights.Count(w => w > 0)} of {weights.Count} (smallest weight {weights.Min().ToString("G3", c)})";
    }

    private static IEnumerable<string> Aligned(List<string[]> rows)
    {
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(j => rows.Max(r => r[j].Length)).ToArray();
        foreach (var row in rows)
            yield return "  " + string.Join("  ", row.Select((cell, j) => j == 0 ? cell.PadRight(widths[j]) : cell.PadLeft(widths[j])));
    }
}
