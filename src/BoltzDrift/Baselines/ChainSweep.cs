using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Baselines;

/// <summary>One transition of every slot of an <see cref="McmcState"/>, in parallel over slots.</summary>
internal static class ChainSweep
{
    /// <summary>
    /// Slots per parallel work item. Fixed, and every slot uses only its own random stream and entries,
    /// so the result does not depend on the number of threads.
    /// </summary>
    private const int SlotsPerChunk = 8;

    /// <summary>
    /// Moves every slot once with <paramref name="kernel"/> at its temperature's step size and β, then
    /// records the acceptance (and adapts the step sizes if <paramref name="adapt"/>).
    /// </summary>
    public static void Run(ITransitionKernel kernel, Energy energy, McmcState state, bool adapt, Parallelism parallelism)
    {
        int temperatures = state.Temperatures;
        var stepSizes = state.StepSizes.Select(a => a.StepSize).ToArray();
        var inverseTemperatures = state.InverseTemperatures;
        var chains = state.Chains;
        var steps = state.LastSteps;
        parallelism.For(chains.Count, SlotsPerChunk, (start, end) =>
        {
            for (int slot = start; slot < end; slot++)
            {
                int k = slot % temperatures;
                steps[slot] = kernel.Step(energy, chains, slot, stepSizes[k], inverseTemperatures[k]);
            }
        });
        state.RecordSweep(adapt);
    }
}
