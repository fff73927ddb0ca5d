using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Tests.Energies;

/// <summary>
/// The energies every generic energy test runs on: the paper's three targets, plus a weighted 3-component
/// mixture in 3-D that exercises what gmm4 cannot (unequal weights, d ≠ 2, d·K not a power of two).
/// The field's targets have their own cases, sized for them, in Field/FieldCases.
/// </summary>
public static class EnergyCases
{
    public const string WeightedMixture3D = "weighted-gmm-3d";

    private static readonly Target s_weightedMixture = Targets.FromExactEnergy(
        WeightedMixture3D,
        "3-D mixture with unequal weights (test only)",
        new GaussianMixtureEnergy(3, [1.5, -0.5, 0.0, -1.0, 2.0, 1.0, 0.5, 0.5, -2.5], std: 0.8, weights: [5, 3, 2]));

    private static readonly string[] s_paperTargets = ["gmm4", "double-well", "banana"];

    /// <summary>Names of all cases, for [MemberData].</summary>
    public static TheoryData<string> Names => new(s_paperTargets.Append(WeightedMixture3D));

    /// <summary>Names of the two-dimensional cases.</summary>
    public static TheoryData<string> TwoDimensionalNames => new(s_paperTargets.Where(name => Targets.Get(name).Dimension == 2));

    public static Target Get(string name) => name == WeightedMixture3D ? s_weightedMixture : Targets.Get(name);

    /// <summary>
    /// Exact samples of the target, the second half pushed 1.5× further from the mean so that tails and
    /// the regions between modes are covered too.
    /// </summary>
    public static double[][] TestPoints(Target target, int count, ulong seed)
    {
        var rng = new Rng(seed);
        var samples = target.ExactSampler!.Sample(count, ref rng);
        double[] mean = target.Mean!;
        return Enumerable.Range(0, count)
            .Select(i => samples[i].ToArray().Select((x, j) => i < count / 2 ? x : mean[j] + 1.5 * (x - mean[j])).ToArray())
            .ToArray();
    }
}
