using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.References;

namespace BoltzDrift.Tests.Energies.Field;

/// <summary>The field's targets (docs/targets.md, "The neural-sampler field's benchmarks") and points to test them at.</summary>
public static class FieldCases
{
    public static readonly string[] ExactNames = ["gmm40", "gmm25", "manywell32", "mw5", "funnel10", "rings"];
    public static readonly string[] ParticleNames = ["dw4", "lj13"];

    /// <summary>Every field target, for [MemberData].</summary>
    public static TheoryData<string> Names => new(ExactNames.Concat(ParticleNames));

    /// <summary>The field targets with exact samplers.</summary>
    public static TheoryData<string> Exact => new(ExactNames);

    /// <summary>The particle systems.</summary>
    public static TheoryData<string> Particles => new(ParticleNames);

    /// <summary>
    /// Points spread over the typical set and beyond. Exact targets: exact samples, the second half pushed 1.5×
    /// further from the mean (tails and the regions between modes). Particle systems: random configurations
    /// with no two particles closer than 0.85 (LJ's repulsion makes closer pairs meaningless as test points).
    /// </summary>
    public static double[][] TestPoints(Target target, int count, ulong seed)
    {
        var rng = new Rng(seed);
        if (target.Particles is { } layout)
        {
            double spread = layout.SpatialDimension == 3 ? 0.9 : 2;
            double[] flat = StartingPoints.SeparatedParticles(count, layout, spread, 0.85, ref rng);
            return Enumerable.Range(0, count).Select(i => flat.AsSpan(i * target.Dimension, target.Dimension).ToArray()).ToArray();
        }
        var samples = target.ExactSampler!.Sample(count, ref rng);
        double[] mean = target.Mean!;
        return Enumerable.Range(0, count)
            .Select(i => samples[i].ToArray().Select((x, j) => i < count / 2 ? x : mean[j] + 1.5 * (x - mean[j])).ToArray())
            .ToArray();
    }
}
