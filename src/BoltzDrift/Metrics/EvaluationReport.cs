using System.Text.Json.Nodes;
using BoltzDrift.IO;

namespace BoltzDrift.Metrics;

/// <summary>
/// The headline discrepancies of one sample set from its target (docs/metrics.md). A value is null where the
/// target lacks what it needs: exact moments for the moment errors, an exact sampler for the MMD.
/// </summary>
/// <param name="MeanError">|mean(X) - mu|_2.</param>
/// <param name="CovarianceError">|Cov(X) - Sigma|_F.</param>
/// <param name="Mmd2RbfH1">Unbiased squared RBF MMD with bandwidth h = 1 against exact samples.</param>
public sealed record SampleMetrics(double? MeanError, double? CovarianceError, double? Mmd2RbfH1)
{
    /// <summary>All metrics null: nothing could be measured.</summary>
    public static SampleMetrics None { get; } = new(null, null, null);

    /// <summary>Each metric combined over <paramref name="sets"/> by <paramref name="combine"/> (null where any set lacks it).</summary>
    public static SampleMetrics Combine(IReadOnlyList<SampleMetrics> sets, Func<double[], double> combine)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(combine);
        double? Of(Func<SampleMetrics, double?> metric) =>
            sets.Count > 0 && sets.All(s => metric(s) is not null) ? combine([.. sets.Select(s => metric(s)!.Value)]) : null;
        return new(Of(s => s.MeanError), Of(s => s.CovarianceError), Of(s => s.Mmd2RbfH1));
    }
}

/// <summary>A target statistic estimated from samples, next to its exact value.</summary>
public readonly record struct StatisticEstimate(double Value, double Exact);

/// <summary>
/// The evaluation of a sample set against its target, with every metric standing next to its noise floor:
/// the same metric for exact samples of the same size, i.e. the value a perfect sampler would typically get.
/// </summary>
/// <param name="Target">Target name.</param>
/// <param name="N">Number of evaluated samples (moment metrics use all of them).</param>
/// <param name="MmdN">Points per side in the MMD (first MmdN samples vs as many exact ones); null without an exact sampler.</param>
/// <param name="Seed">Seed of the exact reference and floor sets, so the report can be reproduced.</param>
/// <param name="Metrics">Metrics of the evaluated samples.</param>
/// <param name="Floor">The same metrics for independent exact sets of the same sizes, averaged over <see cref="FloorReplicates"/> sets; all null without an exact sampler.</param>
/// <param name="Statistics">Target statistics by JSON key, in the target's order.</param>
public sealed record EvaluationReport(
    string Target,
    int N,
    int? MmdN,
    ulong Seed,
    SampleMetrics Metrics,
    SampleMetrics Floor,
    IReadOnlyDictionary<string, StatisticEstimate> Statistics)
{
    /// <summary>Standard deviation (n - 1) of the floor's metrics over its exact sets; null for fewer than two.</summary>
    public SampleMetrics? FloorSpread { get; init; }

    /// <summary>Independent exact sets averaged into <see cref="Floor"/> (0 without an exact sampler).</summary>
    public int FloorReplicates { get; init; }

    /// <summary>
    /// The report as the JSON object that <c>eval</c> prints: keys target, n, mean_error, cov_error,
    /// mmd2_rbf_h1, floor {mean_error, cov_error, mmd2_rbf_h1} (the mean over floor_replicates exact sets),
    /// floor_spread {the same keys: their standard deviations}, floor_replicates, then each statistic key and key_exact.
    /// Unavailable metrics are null; numbers are invariant-culture and round-trip exactly. Formatting follows
    /// <see cref="Json.Options"/>, the convention of every file BoltzDrift writes.
    /// </summary>
    /// <exception cref="ArgumentException">A statistic key collides with another key.</exception>
    public string ToJson()
    {
        var json = new JsonObject
        {
            ["target"] = Target,
            ["n"] = N,
            ["mean_error"] = Metrics.MeanError,
            ["cov_error"] = Metrics.CovarianceError,
            ["mmd2_rbf_h1"] = Metrics.Mmd2RbfH1,
            ["floor"] = new JsonObject
            {
                ["mean_error"] = Floor.MeanError,
                ["cov_error"] = Floor.CovarianceError,
                ["mmd2_rbf_h1"] = Floor.Mmd2RbfH1,
            },
            ["floor_spread"] = FloorSpread is { } spread ? new JsonObject
            {
                ["mean_error"] = spread.MeanError,
                ["cov_error"] = spread.CovarianceError,
                ["mmd2_rbf_h1"] = spread.Mmd2RbfH1,
            } : null,
            ["floor_replicates"] = FloorReplicates,
        };
        foreach (var (key, statistic) in Statistics)
        {
            json.Add(key, statistic.Value);
            json.Add(key + "_exact", statistic.Exact);
        }
        return json.ToJsonString(Json.Options);
    }
}
