using BoltzDrift.Baselines;
using BoltzDrift.Energies;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// What starting an MCMC sampler and taking one step of it cost, in target evaluations (energy plus
/// gradient), measured by counting rather than assumed: e.g. 1 per chain per step for RWM and MALA,
/// L for HMC, one per replica for parallel tempering. The step is taken with a tiny step size, so that no
/// trajectory is cut short by a non-finite energy (an HMC trajectory that diverges stops early and costs
/// less): the measured cost is the full cost of a step, and a run planned from it stays within its budget.
/// </summary>
/// <param name="InitialEvaluations">Evaluations spent starting the chains.</param>
/// <param name="EvaluationsPerStep">Evaluations spent by one step of every chain.</param>
public sealed record McmcStepCost(long InitialEvaluations, long EvaluationsPerStep)
{
    /// <summary>Step size of the measured step, relative to the run's initial step size.</summary>
    private const double ProbeStepFraction = 1e-3;

    /// <summary>Starts <paramref name="chains"/> chains of <paramref name="sampler"/> at the origin and takes one tiny step, counting.</summary>
    public static McmcStepCost Measure(IMcmcSampler sampler, Energy energy, int chains, double initialStepSize)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        var counting = new CountingEnergy(energy);
        var state = sampler.Init(counting, new double[chains * energy.Dimension], ProbeStepFraction * initialStepSize, seed: 0);
        long initial = Total(counting.Counts);
        sampler.Step(counting, state, adapt: false, Numerics.Parallelism.Serial);
        return new(initial, Total(counting.Counts) - initial);
    }

    private static long Total(EvaluationCounts counts) => counts.Energy + counts.Gradient;
}
