using System.Text.Json.Nodes;
using BoltzDrift.IO;

namespace BoltzDrift.Metrics;

/// <summary>
/// Transport and mode metrics of one sample set against a reference set; a value is null where it was
/// not computed (switched off, or not applicable to the target).
/// </summary>
/// <param name="W2">Exact W2 on raw coordinates (not squared).</param>
/// <param name="SymmetryAwareW2">W2 modulo translation, rotation, reflection and permutation (particle targets).</param>
/// <param name="SlicedW2">sqrt of the mean over directions of the squared 1-D W2.</param>
/// <param name="EnergyW2">1-D W2 between energies, not squared.</param>
/// <param name="Sinkhorn">Debiased Sinkhorn divergence: a squared quantity, comparable to W2^2.</param>
/// <param name="ModeWeightError">Largest absolute error of a mode weight.</param>
/// <param name="Emc">Entropic mode coverage.</param>
/// <param name="Mmd2Median">Unbiased squared RBF MMD with the median-heuristic bandwidth of the report.</param>
/// <param name="NonFiniteEnergies">Samples left out of the energy W2 for a non-finite energy.</param>
public sealed record TransportMetrics(
    double? W2, double? SymmetryAwareW2, double? SlicedW2, double? EnergyW2, double? Sinkhorn,
    double? ModeWeightError, double? Emc, double? Mmd2Median, int NonFiniteEnergies)
{
    /// <summary>Nothing measured.</summary>
    public static TransportMetrics None { get; } = new(null, null, null, null, null, null, null, null, 0);

    /// <summary>
    /// The field's geometric W2 of particle targets (one Hungarian matching then one Kabsch fit per pair;
    /// docs/metrics.md, "As-published protocols"): never below <see cref="SymmetryAwareW2"/>.
    /// </summary>
    public double? GeometricW2 { get; init; }

    /// <summary>The ASBS-harness Sinkhorn divergence (epsilon 0.05 × mean squared cost, not square-rooted).</summary>
    public double? HarnessSinkhorn { get; init; }

    /// <summary>Every metric combined over <paramref name="draws"/> by <paramref name="combine"/> (null where a draw lacks it).</summary>
    internal static TransportMetrics Combine(IReadOnlyList<TransportMetrics> draws, Func<double[], double> combine)
    {
        double? Of(Func<TransportMetrics, double?> metric) =>
            draws.All(d => metric(d) is not null) ? combine(draws.Select(d => metric(d)!.Value).ToArray()) : null;
        return new TransportMetrics(Of(m => m.W2), Of(m => m.SymmetryAwareW2), Of(m => m.SlicedW2), Of(m => m.EnergyW2), Of(m => m.Sinkhorn),
            Of(m => m.ModeWeightError), Of(m => m.Emc), Of(m => m.Mmd2Median), draws.Sum(d => d.NonFiniteEnergies))
        {
            GeometricW2 = Of(m => m.GeometricW2),
            HarnessSinkhorn = Of(m => m.HarnessSinkhorn),
        };
    }

    internal JsonObject ToJsonObject() => new()
    {
        ["w2"] = W2,
        ["sym_w2"] = SymmetryAwareW2,
        ["geo_w2"] = GeometricW2,
        ["sliced_w2"] = SlicedW2,
        ["energy_w2"] = EnergyW2,
        ["sinkhorn"] = Sinkhorn,
        ["sinkhorn_harness"] = HarnessSinkhorn,
        ["mode_weight_error"] = ModeWeightError,
        ["emc"] = Emc,
        ["mmd2_rbf_median"] = Mmd2Median,
        ["nonfinite_energies"] = NonFiniteEnergies,
    };
}

/// <summary>
/// The transport evaluation of a sample set, every metric next to its noise floor (the same metric for an
/// independent exact or long-MCMC set of the same size against the same reference; <see cref="FloorSource"/> says which).
/// </summary>
/// <param name="Target">Target name.</param>
/// <param name="N">Points per side in every metric.</param>
/// <param name="Seed">Seed of the exact reference and floor sets; null when they were supplied.</param>
/// <param name="Metrics">The evaluated samples against the reference.</param>
/// <param name="Floor">The floor set against the reference.</param>
/// <param name="SinkhornEpsilon">Epsilon of the Sinkhorn divergence.</param>
/// <param name="SlicedDirections">Directions of the sliced W2.</param>
/// <param name="MmdBandwidth">
/// Median-heuristic bandwidth of <see cref="TransportMetrics.Mmd2Median"/>, from the reference and floor sets
/// (so the evaluated samples cannot move it); null when that MMD is off.
/// </param>
/// <param name="ModeWeights">The evaluated samples' mode weights, or null without modes.</param>
public sealed record TransportReport(
    string Target, int N, ulong? Seed, TransportMetrics Metrics, TransportMetrics Floor,
    double SinkhornEpsilon, int SlicedDirections, double? MmdBandwidth, IReadOnlyList<double>? ModeWeights)
{
    /// <summary>Where the reference and floor sets come from: exact samples, disjoint halves of a long-MCMC reference set, or the DEM split.</summary>
    public FloorSource FloorSource { get; init; } = FloorSource.Exact;

    /// <summary>A known limit of the reference (<see cref="References.ITransportReference.Caveat"/>), or null.</summary>
    public string? ReferenceNote { get; init; }

    /// <summary>The convention the metrics follow (ours, or the field's as published).</summary>
    public MetricProtocol Protocol { get; init; } = MetricProtocol.Ours;

    /// <summary>Reference draws averaged into <see cref="Metrics"/> and <see cref="Floor"/> (1: a single evaluation).</summary>
    public int Draws { get; init; } = 1;

    /// <summary>Standard deviation of the metrics over the draws; null for a single one.</summary>
    public TransportMetrics? Spread { get; init; }

    /// <summary>Standard deviation of the floors over the draws; null for a single one.</summary>
    public TransportMetrics? FloorSpread { get; init; }

    /// <summary>
    /// Several evaluations of one sample set against different draws of the same reference, as one report: the
    /// metrics and floors averaged, their standard deviations (n - 1) as <see cref="Spread"/> and <see cref="FloorSpread"/>,
    /// mode weights of the first draw.
    /// </summary>
    /// <exception cref="ArgumentException">No reports, or they differ in target, size, protocol or floor source.</exception>
    public static TransportReport Average(IReadOnlyList<TransportReport> draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        if (draws.Count == 0) throw new ArgumentException("Nothing to average.", nameof(draws));
        var first = draws[0];
        if (draws.Any(d => d.Target != first.Target || d.N != first.N || d.Protocol != first.Protocol || d.FloorSource != first.FloorSource))
            throw new ArgumentException("Only draws of one evaluation (target, size, protocol, floor source) can be averaged.", nameof(draws));
        if (draws.Count == 1) return first;
        var metrics = draws.Select(d => d.Metrics).ToArray();
        var floors = draws.Select(d => d.Floor).ToArray();
        return first with
        {
            Metrics = TransportMetrics.Combine(metrics, values => values.Average()),
            Floor = TransportMetrics.Combine(floors, values => values.Average()),
            Spread = TransportMetrics.Combine(metrics, StandardDeviation),
            FloorSpread = TransportMetrics.Combine(floors, StandardDeviation),
            Draws = draws.Count,
        };
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>
    /// The report as JSON: target, n, seed, the metric keys (w2, sym_w2, geo_w2, sliced_w2, energy_w2, sinkhorn,
    /// sinkhorn_harness, mode_weight_error, emc, mmd2_rbf_median, nonfinite_energies), floor {the same keys},
    /// floor_source ("exact", "long-MCMC" or "DEM split"), reference_note where the reference has a known limit, protocol ("ours" or "published"), draws, with several
    /// draws spread and floor_spread {the same keys: standard deviations over the draws}, then sinkhorn_epsilon,
    /// sliced_directions, mmd_bandwidth and mode_weights. Unavailable values are null.
    /// Formatting follows <see cref="Json.Options"/>.
    /// </summary>
    public string ToJson()
    {
        var json = new JsonObject
        {
            ["target"] = Target,
            ["n"] = N,
            ["seed"] = Seed,
        };
        foreach (var (key, value) in Metrics.ToJsonObject().ToList())
            json.Add(key, value?.DeepClone());
        json.Add("floor", Floor.ToJsonObject());
        json.Add("floor_source", FloorSource.Label());
        if (ReferenceNote is not null) json.Add("reference_note", ReferenceNote);
        json.Add("protocol", Protocol.Label());
        json.Add("draws", Draws);
        if (Spread is not null) json.Add("spread", Spread.ToJsonObject());
        if (FloorSpread is not null) json.Add("floor_spread", FloorSpread.ToJsonObject());
        json.Add("sinkhorn_epsilon", SinkhornEpsilon);
        json.Add("sliced_directions", SlicedDirections);
        json.Add("mmd_bandwidth", MmdBandwidth);
        json.Add("mode_weights", ModeWeights is null ? null : new JsonArray(ModeWeights.Select(w => (JsonNode?)w).ToArray()));
        return json.ToJsonString(Json.Options);
    }
}
