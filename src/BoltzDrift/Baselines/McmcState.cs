namespace BoltzDrift.Baselines;

/// <summary>
/// Everything an <see cref="IMcmcSampler"/> carries from one step to the next: <see cref="ChainCount"/>
/// chains, each a ladder of <see cref="Temperatures"/> replicas (one replica when not tempering), a step-size
/// adaptation and acceptance totals per temperature, and replica-swap totals per adjacent pair.
/// Replica k of chain c lives in slot <c>c * Temperatures + k</c> of <see cref="Chains"/>; temperature 0 is
/// T = 1, the target itself, whose points are the samples.
/// </summary>
public sealed class McmcState
{
    private readonly double[] _inverseTemperatures;
    private readonly DualAveraging[] _stepSizes;
    private readonly AcceptanceStatistics[] _acceptance;
    private readonly AcceptanceStatistics[] _swaps;

    /// <summary>Wraps chain slots laid out as described above.</summary>
    /// <param name="chains">All replicas of all chains, chain-major.</param>
    /// <param name="inverseTemperatures">β per temperature, β₀ = 1 first.</param>
    /// <param name="initialStepSizes">Starting step size per temperature.</param>
    /// <param name="targetAcceptance">Mean acceptance probability the adaptation aims for.</param>
    public McmcState(ChainState chains, double[] inverseTemperatures, double[] initialStepSizes, double targetAcceptance)
    {
        ArgumentNullException.ThrowIfNull(chains);
        int temperatures = inverseTemperatures.Length;
        if (temperatures == 0 || inverseTemperatures[0] != 1)
            throw new ArgumentException("The temperature ladder must start at β = 1.", nameof(inverseTemperatures));
        if (initialStepSizes.Length != temperatures)
            throw new ArgumentException($"Expected {temperatures} step sizes, got {initialStepSizes.Length}.", nameof(initialStepSizes));
        if (chains.Count % temperatures != 0)
            throw new ArgumentException($"{chains.Count} slots are not a whole number of ladders of {temperatures} temperatures.", nameof(chains));
        Chains = chains;
        _inverseTemperatures = (double[])inverseTemperatures.Clone();
        _stepSizes = initialStepSizes.Select(h => new DualAveraging(h, targetAcceptance)).ToArray();
        _acceptance = new AcceptanceStatistics[temperatures];
        _swaps = new AcceptanceStatistics[temperatures - 1];
        LastSteps = new StepInfo[chains.Count];
    }

    /// <summary>All replicas of all chains.</summary>
    public ChainState Chains { get; }

    /// <summary>Number of temperatures per chain.</summary>
    public int Temperatures => _inverseTemperatures.Length;

    /// <summary>Number of chains (ladders), i.e. of sample streams at T = 1.</summary>
    public int ChainCount => Chains.Count / Temperatures;

    /// <summary>β = 1/T per temperature, β₀ = 1.</summary>
    public IReadOnlyList<double> InverseTemperatures => _inverseTemperatures;

    /// <summary>Step-size adaptation per temperature, shared by the chains.</summary>
    public IReadOnlyList<DualAveraging> StepSizes => _stepSizes;

    /// <summary>Move acceptance per temperature since the start or the end of warm-up.</summary>
    public IReadOnlyList<AcceptanceStatistics> Acceptance => _acceptance;

    /// <summary>Swap acceptance per adjacent pair (k, k + 1) since the start or the end of warm-up.</summary>
    public IReadOnlyList<AcceptanceStatistics> Swaps => _swaps;

    /// <summary>The last transition of every slot, written by the sweep and folded in by <see cref="RecordSweep"/>.</summary>
    internal StepInfo[] LastSteps { get; }

    /// <summary>Steps taken so far.</summary>
    public long Iteration { get; internal set; }

    /// <summary>The slot of temperature <paramref name="temperature"/> of chain <paramref name="chain"/>.</summary>
    public int Slot(int chain, int temperature) => chain * Temperatures + temperature;

    /// <summary>The current T = 1 point of <paramref name="chain"/>.</summary>
    public ReadOnlySpan<double> Position(int chain) => Chains.Position(Slot(chain, 0));

    /// <summary>Ends warm-up: freezes every step size and clears the acceptance and swap totals.</summary>
    public void EndWarmup()
    {
        foreach (var stepSize in _stepSizes) stepSize.Freeze();
        Array.Clear(_acceptance);
        Array.Clear(_swaps);
    }

    /// <summary>
    /// Folds <see cref="LastSteps"/> into the acceptance totals and, if <paramref name="adapt"/>, feeds each
    /// temperature's mean acceptance probability over the chains to its step-size adaptation.
    /// </summary>
    internal void RecordSweep(bool adapt)
    {
        for (int k = 0; k < Temperatures; k++)
        {
            double probabilitySum = 0;
            var totals = _acceptance[k];
            for (int c = 0; c < ChainCount; c++)
            {
                var step = LastSteps[Slot(c, k)];
                totals = totals.Add(step);
                probabilitySum += step.AcceptanceProbability;
            }
            _acceptance[k] = totals;
            if (adapt) _stepSizes[k].Update(probabilitySum / ChainCount);
        }
    }

    /// <summary>Adds one swap decision between temperatures <paramref name="lower"/> and <paramref name="lower"/> + 1.</summary>
    internal void RecordSwap(int lower, StepInfo swap) => _swaps[lower] = _swaps[lower].Add(swap);
}
