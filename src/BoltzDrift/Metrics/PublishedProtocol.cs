using BoltzDrift.Energies;
using BoltzDrift.Metrics.Transport;

namespace BoltzDrift.Metrics;

/// <summary>
/// The field's metric conventions, target by target, as its reference code computes them (docs/metrics.md,
/// "As-published protocols"). They sit beside BoltzDrift's own, never in their place: a figure is comparable
/// with a published one only under the same convention, and each is printed with its floor under it.
/// </summary>
public static class PublishedProtocol
{
    /// <summary>The targets with an as-published protocol.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["gmm25", "manywell32", "mw5", "funnel10", "dw4", "lj13"];

    /// <summary>Whether <paramref name="target"/> (any case) has an as-published protocol.</summary>
    public static bool Has(string target) => Targets.Contains(target, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="options"/> switched to the published metrics of <paramref name="target"/> and nothing else:
    /// mw5, the harness Sinkhorn divergence; gmm25, exact W2 against a stratified ground truth; funnel10 and
    /// manywell32, exact W2 (the same as ours); dw4 and lj13, the one-pass geometric W2 and the energy W2 (not
    /// squared). Sizes, threads and seeds are kept.
    /// </summary>
    /// <exception cref="ArgumentException">The target has no published protocol.</exception>
    public static TransportOptions For(Target target, TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var none = options with
        {
            Protocol = MetricProtocol.Published,
            W2 = false, SlicedW2 = false, EnergyW2 = false, Sinkhorn = false, HarnessSinkhorn = false, MedianMmd = false,
            SymmetryAwareW2 = false, GeometricW2 = false, ModeWeights = false, StratifiedReference = false,
        };
        return target.Name.ToLowerInvariant() switch
        {
            "mw5" => none with { HarnessSinkhorn = true },
            "gmm25" => none with { W2 = true, StratifiedReference = true },
            "funnel10" or "manywell32" => none with { W2 = true },
            "dw4" or "lj13" => none with { GeometricW2 = true, EnergyW2 = true },
            _ => throw new ArgumentException(
                $"Target '{target.Name}' has no as-published protocol; there are protocols for {string.Join(", ", Targets)}."),
        };
    }

    /// <summary>One line saying what the published protocol of <paramref name="target"/> computes, and whose it is.</summary>
    public static string Describe(string target) => target.ToLowerInvariant() switch
    {
        "mw5" => "ASBS/AS/SCLD harness: Sinkhorn divergence, one epsilon = 0.05 x mean squared cost for all three terms, not square-rooted",
        "gmm25" => "Sendera et al.: exact W2 against a stratified ground truth (n/25 points from each component)",
        "funnel10" or "manywell32" => "Sendera et al.: exact W2, the same metric as ours",
        "dw4" or "lj13" => "iDEM/AS/ASBS: geometric W2 (Hungarian on particle distances, then one Kabsch fit, per pair) and energy W2 (not squared)",
        _ => "no as-published protocol",
    };
}
