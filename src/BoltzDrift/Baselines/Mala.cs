using BoltzDrift.Energies;

namespace BoltzDrift.Baselines;

/// <summary>
/// The Metropolis-adjusted Langevin algorithm: propose x' = x - (h²/2) β grad E(x) + h z with z ~ N(0, I)
/// and correct the asymmetric proposal in the Metropolis-Hastings ratio. One gradient evaluation per step.
/// </summary>
/// <param name="targetAcceptance">Acceptance aimed for by adaptation; 0.574 is optimal in high dimension.</param>
public sealed class Mala(double targetAcceptance = 0.574) : ITransitionKernel
{
    /// <inheritdoc/>
    public string Name => "mala";

    /// <inheritdoc/>
    public double TargetAcceptance { get; } = KernelChecks.Acceptance(targetAcceptance);

    /// <inheritdoc/>
    public bool UsesGradient => true;

    /// <inheritdoc/>
    public StepInfo Step(Energy energy, ChainState chains, int chain, double stepSize, double inverseTemperature)
    {
        int d = chains.Dimension;
        Span<double> buffer = d <= KernelChecks.MaxStackDimension ? stackalloc double[2 * d] : new double[2 * d];
        var proposal = buffer[..d];
        var proposalGradient = buffer[d..];
        ref var rng = ref chains.Random(chain);
        var x = chains.Position(chain);
        var gradient = chains.Gradient(chain);
        double drift = 0.5 * stepSize * stepSize * inverseTemperature;

        double forward = 0;   // |x' - mean(x' | x)|² / h² = |z|²
        for (int k = 0; k < d; k++)
        {
            double z = rng.NextGaussian();
            forward += z * z;
            proposal[k] = x[k] - drift * gradient[k] + stepSize * z;
        }
        double proposalEnergy = energy.Gradient(proposal, proposalGradient);

        double backward = 0;  // |x - mean(x | x')|²
        for (int k = 0; k < d; k++)
        {
            double r = x[k] - proposal[k] + drift * proposalGradient[k];
            backward += r * r;
        }
        double logRatio = inverseTemperature * (chains.Energies[chain] - proposalEnergy)
                          + 0.5 * forward - backward / (2 * stepSize * stepSize);
        var step = Metropolis.Decide(logRatio, Metropolis.IsFinite(proposalEnergy, proposalGradient), ref rng);
        if (step.Accepted) chains.MoveTo(chain, proposal, proposalEnergy, proposalGradient);
        return step;
    }
}
