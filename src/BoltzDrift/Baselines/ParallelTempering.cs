using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Baselines;

/// <summary>
/// Parallel tempering (replica exchange). Each chain is a ladder of replicas at geometrically spaced
/// temperatures 1 = T₀ &lt; … &lt; T_max, each targeting exp(-E/T_k) and moved by <see cref="Kernel"/> (MALA
/// by default) with its own adapted step size. After every sweep, adjacent replicas (k, k + 1) exchange
/// points with probability min(1, exp((β_k - β_{k+1})(E_k - E_{k+1}))), alternating even and odd pairs
/// between steps (deterministic even-odd swapping). Only the T = 1 replicas give samples.
/// </summary>
public sealed class ParallelTempering : IMcmcSampler
{
    private readonly double[] _inverseTemperatures;

    /// <summary>Creates the sampler.</summary>
    /// <param name="temperatures">Number of temperatures K ≥ 2 per chain.</param>
    /// <param name="maxTemperature">Highest temperature T_max &gt; 1; T_k = T_max^(k/(K-1)).</param>
    /// <param name="kernel">Kernel for the moves within each temperature; MALA if null.</param>
    public ParallelTempering(int temperatures = 8, double maxTemperature = 10, ITransitionKernel? kernel = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(temperatures, 2);
        if (!(maxTemperature > 1) || double.IsInfinity(maxTemperature))
            throw new ArgumentOutOfRangeException(nameof(maxTemperature), maxTemperature, "The highest temperature must be finite and above 1.");
        Kernel = kernel ?? new Mala();
        _inverseTemperatures = Enumerable.Range(0, temperatures)
            .Select(k => Math.Pow(maxTemperature, -(double)k / (temperatures - 1)))
            .ToArray();
    }

    /// <inheritdoc/>
    public string Name => "pt-" + Kernel.Name;

    /// <inheritdoc/>
    public ITransitionKernel Kernel { get; }

    /// <summary>β_k = 1/T_k of the ladder, β₀ = 1.</summary>
    public IReadOnlyList<double> InverseTemperatures => _inverseTemperatures;

    /// <summary>
    /// Starts every replica of chain c at initial point c. Temperature k starts with step size
    /// h₀ √T_k, since hotter targets are wider.
    /// </summary>
    public McmcState Init(Energy energy, ReadOnlySpan<double> initialPositions, double initialStepSize, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(energy);
        int d = energy.Dimension, temperatures = _inverseTemperatures.Length;
        if (initialPositions.Length == 0 || initialPositions.Length % d != 0)
            throw new ArgumentException($"{initialPositions.Length} values are not a positive whole number of points of dimension {d}.", nameof(initialPositions));
        int chains = initialPositions.Length / d;
        var replicas = new double[chains * temperatures * d];
        for (int c = 0; c < chains; c++)
            for (int k = 0; k < temperatures; k++)
                initialPositions.Slice(c * d, d).CopyTo(replicas.AsSpan((c * temperatures + k) * d, d));

        var rng = new Rng(seed);
        var state = Kernel.Init(energy, replicas, ref rng);
        var stepSizes = _inverseTemperatures.Select(beta => initialStepSize / Math.Sqrt(beta)).ToArray();
        return new McmcState(state, _inverseTemperatures, stepSizes, Kernel.TargetAcceptance);
    }

    /// <inheritdoc/>
    public void Step(Energy energy, McmcState state, bool adapt, Parallelism parallelism)
    {
        if (state.Temperatures != _inverseTemperatures.Length)
            throw new ArgumentException($"The state has {state.Temperatures} temperatures, this sampler {_inverseTemperatures.Length}.", nameof(state));
        ChainSweep.Run(Kernel, energy, state, adapt, parallelism);
        SwapReplicas(state);
        state.Iteration++;
    }

    /// <summary>Proposes swaps between pairs (k, k + 1) with k of the iteration's parity, using each chain's T = 1 stream.</summary>
    private void SwapReplicas(McmcState state)
    {
        var chains = state.Chains;
        int first = (int)(state.Iteration % 2);
        for (int c = 0; c < state.ChainCount; c++)
        {
            ref var rng = ref chains.Random(state.Slot(c, 0));
            for (int k = first; k + 1 < state.Temperatures; k += 2)
            {
                int lower = state.Slot(c, k), upper = lower + 1;
                double logRatio = (_inverseTemperatures[k] - _inverseTemperatures[k + 1]) * (chains.Energies[lower] - chains.Energies[upper]);
                var swap = Metropolis.Decide(logRatio, true, ref rng);
                if (swap.Accepted) chains.Swap(lower, upper);
                state.RecordSwap(k, swap);
            }
        }
    }
}
