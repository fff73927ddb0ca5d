using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Baselines;

/// <summary>
/// Independent chains of one kernel at T = 1 that share one adapted step size: plain RWM, MALA or HMC.
/// </summary>
/// <param name="kernel">The kernel that moves each chain.</param>
public sealed class IndependentChains(ITransitionKernel kernel) : IMcmcSampler
{
    /// <inheritdoc/>
    public string Name => Kernel.Name;

    /// <inheritdoc/>
    public ITransitionKernel Kernel { get; } = kernel ?? throw new ArgumentNullException(nameof(kernel));

    /// <inheritdoc/>
    public McmcState Init(Energy energy, ReadOnlySpan<double> initialPositions, double initialStepSize, ulong seed)
    {
        var rng = new Rng(seed);
        var chains = Kernel.Init(energy, initialPositions, ref rng);
        return new McmcState(chains, [1.0], [initialStepSize], Kernel.TargetAcceptance);
    }

    /// <inheritdoc/>
    public void Step(Energy energy, McmcState state, bool adapt, Parallelism parallelism)
    {
        if (state.Temperatures != 1)
            throw new ArgumentException($"The state has {state.Temperatures} temperatures; independent chains run at T = 1 only.", nameof(state));
        ChainSweep.Run(Kernel, energy, state, adapt, parallelism);
        state.Iteration++;
    }
}
