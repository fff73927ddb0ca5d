using BoltzDrift.Energies;

namespace BoltzDrift.Baselines;

/// <summary>
/// Random-walk Metropolis: propose x' = x + h z with z ~ N(0, I) and accept with probability
/// min(1, exp(-β (E(x') - E(x)))). One energy evaluation per step, no gradient.
/// </summary>
/// <param name="targetAcceptance">Acceptance aimed for by adaptation; 0.234 is optimal in high dimension.</param>
public sealed class RandomWalkMetropolis(double targetAcceptance = 0.234) : ITransitionKernel
{
    /// <inheritdoc/>
    public string Name => "rwm";

    /// <inheritdoc/>
    public double TargetAcceptance { get; } = KernelChecks.Acceptance(targetAcceptance);

    /// <inheritdoc/>
    public bool UsesGradient => false;

    /// <inheritdoc/>
    public StepInfo Step(Energy energy, ChainState chains, int chain, double stepSize, double inverseTemperature)
    {
        int d = chains.Dimension;
        Span<double> proposal = d <= KernelChecks.MaxStackDimension ? stackalloc double[d] : new double[d];
        ref var rng = ref chains.Random(chain);
        var x = chains.Position(chain);
        for (int k = 0; k < d; k++) proposal[k] = x[k] + stepSize * rng.NextGaussian();

        double proposalEnergy = energy.Evaluate(proposal);
        var step = Metropolis.Decide(inverseTemperature * (chains.Energies[chain] - proposalEnergy), double.IsFinite(proposalEnergy), ref rng);
        if (step.Accepted) chains.MoveTo(chain, proposal, proposalEnergy, default);
        return step;
    }
}
