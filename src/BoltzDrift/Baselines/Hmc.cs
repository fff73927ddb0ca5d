using BoltzDrift.Energies;

namespace BoltzDrift.Baselines;

/// <summary>
/// Hamiltonian Monte Carlo with an identity mass matrix: draw a momentum p ~ N(0, I), follow
/// <see cref="LeapfrogSteps"/> leapfrog steps of size ε through H = β E(x) + |p|²/2 and accept with
/// probability min(1, exp(H_start - H_end)). A trajectory that reaches a NaN or infinite energy or
/// gradient stops there and is rejected. <see cref="LeapfrogSteps"/> gradient evaluations per step.
/// Each transition draws its leapfrog step size uniformly from ε (1 ± <see cref="StepSizeJitter"/>): with a
/// fixed trajectory length some directions can come back almost exactly to their start, which makes the
/// acceptance jump around as ε changes and misleads step-size adaptation.
/// </summary>
public sealed class Hmc : ITransitionKernel
{
    /// <summary>Creates the kernel.</summary>
    /// <param name="leapfrogSteps">Leapfrog steps L per transition.</param>
    /// <param name="targetAcceptance">Acceptance aimed for by adaptation (0.65–0.8 is customary).</param>
    /// <param name="stepSizeJitter">Relative half-width j ∈ [0, 1) of the random step size ε (1 ± j); 0 for a fixed ε.</param>
    public Hmc(int leapfrogSteps = 10, double targetAcceptance = 0.7, double stepSizeJitter = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leapfrogSteps, 1);
        if (!(stepSizeJitter is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(stepSizeJitter), stepSizeJitter, "The jitter must lie in [0, 1).");
        LeapfrogSteps = leapfrogSteps;
        TargetAcceptance = KernelChecks.Acceptance(targetAcceptance);
        StepSizeJitter = stepSizeJitter;
    }

    /// <summary>Leapfrog steps L per transition.</summary>
    public int LeapfrogSteps { get; }

    /// <summary>Relative half-width j of the uniform random step size ε (1 ± j).</summary>
    public double StepSizeJitter { get; }

    /// <inheritdoc/>
    public string Name => "hmc";

    /// <inheritdoc/>
    public double TargetAcceptance { get; }

    /// <inheritdoc/>
    public bool UsesGradient => true;

    /// <inheritdoc/>
    public StepInfo Step(Energy energy, ChainState chains, int chain, double stepSize, double inverseTemperature)
    {
        int d = chains.Dimension;
        Span<double> buffer = d <= KernelChecks.MaxStackDimension ? stackalloc double[3 * d] : new double[3 * d];
        var position = buffer[..d];
        var gradient = buffer.Slice(d, d);
        var momentum = buffer[(2 * d)..];
        ref var rng = ref chains.Random(chain);
        chains.Position(chain).CopyTo(position);
        chains.Gradient(chain).CopyTo(gradient);

        double startKinetic = 0;
        for (int k = 0; k < d; k++)
        {
            momentum[k] = rng.NextGaussian();
            startKinetic += 0.5 * momentum[k] * momentum[k];
        }

        stepSize *= 1 + StepSizeJitter * (2 * rng.NextDouble() - 1);
        double force = stepSize * inverseTemperature;
        double endEnergy = 0;
        for (int k = 0; k < d; k++) momentum[k] -= 0.5 * force * gradient[k];
        for (int l = 1; l <= LeapfrogSteps; l++)
        {
            for (int k = 0; k < d; k++) position[k] += stepSize * momentum[k];
            endEnergy = energy.Gradient(position, gradient);
            if (!Metropolis.IsFinite(endEnergy, gradient)) return StepInfo.RejectedNonFinite;
            double kick = l < LeapfrogSteps ? force : 0.5 * force;
            for (int k = 0; k < d; k++) momentum[k] -= kick * gradient[k];
        }

        double endKinetic = 0;
        for (int k = 0; k < d; k++) endKinetic += 0.5 * momentum[k] * momentum[k];
        double logRatio = inverseTemperature * (chains.Energies[chain] - endEnergy) + startKinetic - endKinetic;
        var step = Metropolis.Decide(logRatio, true, ref rng);
        if (step.Accepted) chains.MoveTo(chain, position, endEnergy, gradient);
        return step;
    }
}
