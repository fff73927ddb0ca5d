using System.Diagnostics.CodeAnalysis;
using BoltzDrift.Energies.Modes;

namespace BoltzDrift.Energies;

/// <summary>
/// The named targets that training and evaluation refer to by name (e.g. <c>--target gmm4</c>).
/// Each target is one entry in <see cref="All"/>, built by one factory method below; names are
/// matched case-insensitively.
/// </summary>
public static class Targets
{
    /// <summary>Every registered target, in presentation order.</summary>
    public static IReadOnlyList<Target> All { get; } =
    [
        Gmm4(),
        DoubleWell(),
        Banana(),
        // The neural-sampler field's benchmarks (docs/targets.md, "The neural-sampler field's benchmarks").
        FieldTargets.Gmm40(),
        FieldTargets.Gmm25(),
        FieldTargets.ManyWell32(),
        FieldTargets.Mw5(),
        FieldTargets.Funnel10(),
        FieldTargets.Dw4(),
        FieldTargets.Lj13(),
        FieldTargets.Rings(),
    ];

    private static readonly Dictionary<string, Target> s_byName =
        All.ToDictionary(target => target.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered names, in presentation order.</summary>
    public static IEnumerable<string> Names => All.Select(target => target.Name);

    /// <summary>Looks a target up by name, ignoring case.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out Target? target) =>
        s_byName.TryGetValue(name, out target);

    /// <summary>The target called <paramref name="name"/> (any case).</summary>
    /// <exception cref="ArgumentException">No such target; the message lists the known names.</exception>
    public static Target Get(string name) =>
        TryGet(name, out var target)
            ? target
            : throw new ArgumentException($"Unknown target '{name}'. Known targets: {string.Join(", ", Names)}.");

    private static Target Gmm4()
    {
        var mixture = new GaussianMixtureEnergy(2, [2, 2, -2, 2, -2, -2, 2, -2], std: 0.5);
        return FromExactEnergy(
            "gmm4",
            "2-D mixture of 4 equal-weight Gaussians (std 0.5) at (±2, ±2); normalised.",
            mixture,
            MixtureModes.Planar(mixture));
    }

    private static Target DoubleWell() => FromExactEnergy(
        "double-well",
        "2-D double well x1⁴ - 6x1² - 0.5x1 + 0.5x2²: two wells at x1 ≈ ±1.7 of unequal mass.",
        new DoubleWellEnergy(),
        new SignModes(0, DoubleWellEnergy.RightWellProbability),
        new TargetStatistic("p_x1_pos", "P(x1 > 0)", DoubleWellEnergy.FractionInRightWell, DoubleWellEnergy.RightWellProbability));

    private static Target Banana() => FromExactEnergy(
        "banana",
        "2-D banana x1 ~ N(0, 1.5²), x2 | x1 ~ N(0.5 (x1² - 1.5²), 0.5²): one curved ridge.",
        new BananaEnergy(width: 1.5, curvature: 0.5, thickness: 0.5));

    /// <summary>The name of targets defined by an energy expression.</summary>
    public const string ExpressionName = "expression";

    /// <summary>
    /// A target defined by an energy expression over x0..x{D-1} (or x, y for D = 2), compiled once;
    /// gradients and Hessians are exact (forward-mode). It has no exact sampler, so metrics need a
    /// built-in target or reference samples to compare with.
    /// </summary>
    /// <exception cref="Expressions.ExpressionParseException">The text is malformed; the message names the column.</exception>
    public static Target FromExpression(string text, int dimension)
    {
        if (dimension < 1) throw new ArgumentException($"--dim must be at least 1, got {dimension}.");
        return new Target
        {
            Name = ExpressionName,
            Description = $"E(x) = {text} (d = {dimension})",
            Energy = Expressions.EnergyExpression.Parse(text, dimension),
        };
    }

    /// <summary>
    /// A target whose distribution is known exactly: its sampler, moments and log Z all come from the
    /// energy, so they cannot disagree with it. Also for building ad-hoc targets outside the registry.
    /// </summary>
    public static Target FromExactEnergy<TEnergy>(string name, string description, TEnergy energy, params TargetStatistic[] statistics)
        where TEnergy : Energy, IExactDistribution => FromExactEnergy(name, description, energy, null, statistics);

    /// <summary>As <see cref="FromExactEnergy{TEnergy}(string, string, TEnergy, TargetStatistic[])"/>, with the target's modes.</summary>
    public static Target FromExactEnergy<TEnergy>(string name, string description, TEnergy energy, IModeStructure? modes, params TargetStatistic[] statistics)
        where TEnergy : Energy, IExactDistribution => new()
    {
        Name = name,
        Description = description,
        Energy = energy,
        ExactSampler = energy,
        Mean = energy.Mean(),
        Covariance = energy.Covariance(),
        LogZ = energy.LogNormalizer,
        Statistics = statistics,
        Modes = modes,
    };
}
