using BoltzDrift.Baselines;

namespace BoltzDrift.Benchmarks;

/// <summary>An MCMC baseline of a benchmark: a name, a description, and how to build a fresh sampler.</summary>
/// <param name="Name">Short name used in tables, e.g. "mala".</param>
/// <param name="Description">What the sampler is, with its settings.</param>
/// <param name="CreateSampler">Builds the sampler (one per run).</param>
public sealed record McmcBaseline(string Name, string Description, Func<IMcmcSampler> CreateSampler)
{
    /// <summary>Random-walk Metropolis (one energy evaluation per step).</summary>
    public static McmcBaseline RandomWalkMetropolis { get; } =
        new("rwm", "random-walk Metropolis, target acceptance 0.234", () => new IndependentChains(new RandomWalkMetropolis()));

    /// <summary>MALA (one gradient per step).</summary>
    public static McmcBaseline Mala { get; } =
        new("mala", "Metropolis-adjusted Langevin, target acceptance 0.574", () => new IndependentChains(new Mala()));

    /// <summary>HMC with 10 leapfrog steps (ten gradients per step).</summary>
    public static McmcBaseline Hmc { get; } =
        new("hmc", "HMC, 10 leapfrog steps, step size jittered ±20%, target acceptance 0.7", () => new IndependentChains(new Hmc()));

    /// <summary>Parallel tempering: 8 temperatures up to T = 10, MALA moves (eight gradients per step).</summary>
    public static McmcBaseline ParallelTempering { get; } =
        new("pt-mala", "parallel tempering, 8 temperatures geometric to T = 10, MALA moves", () => new ParallelTempering());

    /// <summary>The four baselines every benchmark runs: RWM, MALA, HMC and parallel tempering.</summary>
    public static IReadOnlyList<McmcBaseline> Standard { get; } = [RandomWalkMetropolis, Mala, Hmc, ParallelTempering];
}
