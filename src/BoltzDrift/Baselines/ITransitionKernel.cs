using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Baselines;

/// <summary>
/// A Metropolis-Hastings transition kernel, BlackJAX style: <see cref="Init"/> builds the chain state and
/// <see cref="Step"/> advances one chain of it by one transition for the tempered target
/// p_β(x) ∝ exp(-β E(x)). Kernels hold no per-chain state of their own, so one instance serves all chains
/// and threads.
/// </summary>
public interface ITransitionKernel
{
    /// <summary>Short name, e.g. "mala".</summary>
    string Name { get; }

    /// <summary>The mean acceptance probability that step-size adaptation aims for.</summary>
    double TargetAcceptance { get; }

    /// <summary>Whether the kernel needs, and the chain state caches, grad E.</summary>
    bool UsesGradient { get; }

    /// <summary>Starts chains at <paramref name="positions"/> (chains × d), each with a random stream forked from <paramref name="rng"/>.</summary>
    ChainState Init(Energy energy, ReadOnlySpan<double> positions, ref Rng rng) =>
        ChainState.Create(energy, positions, UsesGradient, ref rng);

    /// <summary>
    /// Advances <paramref name="chain"/> by one transition with step size <paramref name="stepSize"/>
    /// targeting exp(-<paramref name="inverseTemperature"/> E), using that chain's random stream.
    /// A proposal with NaN or infinite energy or gradient is rejected and reported as non-finite.
    /// </summary>
    StepInfo Step(Energy energy, ChainState chains, int chain, double stepSize, double inverseTemperature);
}
