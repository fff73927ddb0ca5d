using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Baselines;

/// <summary>
/// An MCMC algorithm over many chains, as an explicit Init/Step pair (BlackJAX style): <see cref="Init"/>
/// builds the whole state, <see cref="Step"/> advances every chain by one step. Given the same seed the
/// sequence of states is the same whatever the thread count.
/// </summary>
public interface IMcmcSampler
{
    /// <summary>Short name, e.g. "mala" or "pt-mala".</summary>
    string Name { get; }

    /// <summary>The transition kernel that moves each chain.</summary>
    ITransitionKernel Kernel { get; }

    /// <summary>
    /// Starts one chain at each of <paramref name="initialPositions"/> (chains × d) with step size
    /// <paramref name="initialStepSize"/> at T = 1 and random streams derived from <paramref name="seed"/>.
    /// </summary>
    McmcState Init(Energy energy, ReadOnlySpan<double> initialPositions, double initialStepSize, ulong seed);

    /// <summary>Advances every chain by one step; adapts step sizes if <paramref name="adapt"/> (warm-up).</summary>
    void Step(Energy energy, McmcState state, bool adapt, Parallelism parallelism);
}
