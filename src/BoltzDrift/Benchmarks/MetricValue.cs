using BoltzDrift.Metrics;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// One quality figure of a benchmarked sample set: its value, the floor (the value an exact sampler, or an
/// independent long-MCMC set, typically gets with the same sample sizes) and, for target statistics, the exact value.
/// </summary>
/// <param name="Key">Machine name, e.g. "mean_error" (the key <see cref="EvaluationReport.ToJson"/> uses).</param>
/// <param name="Label">Column heading, e.g. "mean err".</param>
/// <param name="Value">The figure, or null where the target lacks what it needs.</param>
/// <param name="Floor">The same figure for exact samples, or null.</param>
/// <param name="Exact">The exact value of a target statistic such as P(x1 &gt; 0), or null for discrepancies.</param>
public sealed record MetricValue(string Key, string Label, double? Value, double? Floor, double? Exact = null)
{
    /// <summary>
    /// The figures of an evaluation in table order: mean error, covariance error, MMD² (h = 1), then from
    /// <paramref name="transport"/> (if given) W2, the symmetry-aware W2 and energy W2 where computed and, where
    /// the target has modes, the largest mode-weight error, then each target statistic with its exact value.
    /// </summary>
    public static IReadOnlyList<MetricValue> From(EvaluationReport report, TransportReport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var values = new List<MetricValue>
        {
            new("mean_error", "mean err", report.Metrics.MeanError, report.Floor.MeanError),
            new("cov_error", "cov err", report.Metrics.CovarianceError, report.Floor.CovarianceError),
            new("mmd2_rbf_h1", "MMD² (h=1)", report.Metrics.Mmd2RbfH1, report.Floor.Mmd2RbfH1),
        };
        if (transport is not null)
        {
            values.Add(new("w2", $"W2 ({transport.N})", transport.Metrics.W2, transport.Floor.W2));
            if (transport.Metrics.SymmetryAwareW2 is not null)
                values.Add(new("sym_w2", "sym W2", transport.Metrics.SymmetryAwareW2, transport.Floor.SymmetryAwareW2));
            if (transport.Metrics.EnergyW2 is not null)
                values.Add(new("energy_w2", "energy W2", transport.Metrics.EnergyW2, transport.Floor.EnergyW2));
            if (transport.Metrics.ModeWeightError is not null)
                values.Add(new("mode_weight_error", "mode wt err", transport.Metrics.ModeWeightError, transport.Floor.ModeWeightError));
        }
        foreach (var (key, statistic) in report.Statistics)
            values.Add(new(key, key, statistic.Value, null, statistic.Exact));
        return values;
    }
}
