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

    internal JsonObject ToJsonObject() => new()
    {
        ["w2"] = W2,
        ["sym_w2"] = SymmetryAwareW2,
        ["sliced_w2"] = SlicedW2,
        ["energy_w2"] = EnergyW2,
        ["sinkhorn"] = Sinkhorn,
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
    /// <summary>Where the reference and floor sets come from: exact samples, or disjoint halves of a long-MCMC reference set.</summary>
    public FloorSource FloorSource { get; init; } = FloorSource.Exact;

    /// <summary>
    /// The report as JSON: target, n, seed, the metric keys (w2, sym_w2, sliced_w2, energy_w2, sinkhorn,
    /// mode_weight_error, emc, mmd2_rbf_median, nonfinite_energies), floor {the same keys}, floor_source
    /// ("exact" or "long-MCMC"), then sinkhorn_epsilon, sliced_directions, mmd_bandwidth and mode_weights. Unavailable values are null.
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
        json.Add("sinkhorn_epsilon", SinkhornEpsilon);
        json.Add("sliced_directions", SlicedDirections);
        json.Add("mmd_bandwidth", MmdBandwidth);
        json.Add("mode_weights", ModeWeights is null ? null : new JsonArray(ModeWeights.Select(w => (JsonNode?)w).ToArray()));
        return json.ToJsonString(Json.Options);
    }
}
