using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Plots;

/// <summary>Targets and sample sets for plot tests: exact samples stand in for a trained sampler's.</summary>
internal static class PlotTargets
{
    /// <summary>A 4-D mixture of two Gaussians, for the pair-scatter layout of d &gt; 2.</summary>
    public static Target FourDimensional { get; } = Targets.FromExactEnergy(
        "gmm2-4d", "4-D mixture of two Gaussians", new GaussianMixtureEnergy(4, [1, 1, 1, 1, -1, -1, -1, -1], std: 0.5));

    public static SampleSet ExactSamples(Target target, int count, ulong seed)
    {
        var rng = new Rng(seed);
        return target.ExactSampler!.Sample(count, ref rng);
    }
}
