using BoltzDrift.Baselines;

namespace BoltzDrift.Tests.Baselines;

/// <summary>The transition kernels under test, by name.</summary>
internal static class KernelCases
{
    public static ITransitionKernel Create(string name) => name switch
    {
        "rwm" => new RandomWalkMetropolis(),
        "mala" => new Mala(),
        "hmc" => new Hmc(leapfrogSteps: 3),
        _ => throw new ArgumentException($"Unknown kernel '{name}'."),
    };
}
