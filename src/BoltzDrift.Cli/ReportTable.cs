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
        yield return $"target {report.Target}: n = {report.N} samples (MMD on {report.MmdN?.ToString(c) ?? "n/a"} vs {report.MmdN?.ToString(c) ?? "n/a"} exact), reference seed {report.Seed}"
            + (report.FloorReplicates > 1 ? $"; floor: mean ± std over {report.FloorReplicates} exact sets" : "");
        var rows = new List<string[]> { published is null ? ["metric", "value", "exact-sample floor"] : ["metric", "value", "exact-sample floor", "paper"] };
        void Row(string name, double? value, double? floor, double? spread)
        {
            var row = new List<string> { name, F(value), spread is double s ? $"{F(floor)} ± {s.ToString("G2", c)}" : F(floor) };
            if (published is not null) row.Add(published.TryGetValue(name, out double p) ? p.ToString("G4", c) : "");
            rows.Add(row.ToArray());
        }
        var spread = report.FloorSpread;
        Row("mean error", report.Metrics.MeanError, report.Floor.MeanError, spread?.MeanError);
        Row("covariance error", report.Metrics.CovarianceError, report.Floor.CovarianceError, spread?.CovarianceError);
        Row("MMD^2 (RBF, h=1)", report.Metrics.Mmd2RbfH1, report.Floor.Mmd2RbfH1, spread?.Mmd2RbfH1);
        foreach (var (key, s) in report.Statistics)
            rows.Add(published is null ? [key, F(s.Value), $"exact {F(s.Exact)}"] : [key, F(s.Value), $"exact {F(s.Exact)}", ""]);
        foreach (string line in Aligned(rows)) yield return line;
    }

    /// <summary>The transport table's lines: the metrics that were computed, each next to its floor, the column named after its source.</summary>
    public static IEnumerable<string> Lines(TransportReport report)
    {
        var c = CultureInfo.InvariantCulture;
        bool exact = report.FloorSource == FloorSource.Exact;
        string protocol = report.Protocol == MetricProtocol.Published ? $"as published ({PublishedProtocol.Describe(report.Target)})" : "our protocol";
        yield return $"transport metrics, {protocol}, {report.N} vs {report.N} points" + report.FloorSource switch
        {
            FloorSource.LongMcmc => "; reference and floor from disjoint halves of the long-MCMC chains:",
            FloorSource.DemSplit => $"; reference and floor drawn at random, disjoint, from the DEM test split; mean ± std over {report.Draws} draw(s):",
            _ => ":",
        };
        var rows = new List<string[]> { new[] { "metric", "value", exact ? "exact-sample floor" : $"{report.FloorSource.Label()} floor" } };
        var (m, f, ms, fs) = (report.Metrics, report.Floor, report.Spread, report.FloorSpread);
        string Cell(double? value, double? spread) => value is not double v ? "n/a"
            : spread is double s ? $"{v.ToString("G4", c)} ± {s.ToString("G2", c)}" : v.ToString("G4", c);
        void Row(string name, Func<TransportMetrics, double?> metric)
        {
            if (metric(m) is not null) rows.Add([name, Cell(metric(m), ms is null ? null : metric(ms)), Cell(metric(f), fs is null ? null : metric(fs))]);
        }
        Row("W2", x => x.W2);
        Row("symmetry-aware W2", x => x.SymmetryAwareW2);
        Row("geometric W2 (one-pass)", x => x.GeometricW2);
        Row("sliced W2", x => x.SlicedW2);
        Row($"Sinkhorn divergence (eps {report.SinkhornEpsilon.ToString("G3", c)})", x => x.Sinkhorn);
        Row("Sinkhorn (harness eps)", x => x.HarnessSinkhorn);
        Row("energy W2", x => x.EnergyW2);
        Row("mode-weight error", x => x.ModeWeightError);
        Row("EMC", x => x.Emc);
        Row("MMD^2 (RBF, median h)", x => x.Mmd2Median);
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
