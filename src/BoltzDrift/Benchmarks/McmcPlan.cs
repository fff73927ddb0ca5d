namespace BoltzDrift.Benchmarks;

/// <summary>
/// How long an MCMC baseline runs: warm-up and sampling steps, and the thinning that keeps at least the
/// evaluated number of draws. Built from an evaluation budget (exactly, from the counted cost of a step) or
/// from a wall time (from a measured time per step).
/// </summary>
/// <param name="WarmupSteps">Warm-up steps (step sizes adapt).</param>
/// <param name="SamplingSteps">Sampling steps after warm-up.</param>
/// <param name="Thinning">Every Thinning-th sampling step is recorded.</param>
public sealed record McmcPlan(int WarmupSteps, int SamplingSteps, int Thinning)
{
    /// <summary>Fewest sampling steps a plan allows: the ESS needs at least four draws per chain.</summary>
    public const int MinimumSamplingSteps = 4;

    /// <summary>Total steps, warm-up and sampling.</summary>
    public int Steps => WarmupSteps + SamplingSteps;

    /// <summary>
    /// Splits <paramref name="steps"/> into warm-up (a fraction <paramref name="warmupFraction"/>, at least one
    /// step) and sampling, thinned so that at least <paramref name="retainedDraws"/> draws of the
    /// <paramref name="chains"/> chains are recorded (when there are that many).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than one warm-up and <see cref="MinimumSamplingSteps"/> sampling steps fit.</exception>
    public static McmcPlan ForSteps(long steps, double warmupFraction, int chains, int retainedDraws)
    {
        if (!(warmupFraction is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(warmupFraction), warmupFraction, "The warm-up fraction must lie in (0, 1).");
        if (steps < 1 + MinimumSamplingSteps)
            throw new ArgumentException($"The budget allows {steps} MCMC steps; at least {1 + MinimumSamplingSteps} are needed (1 warm-up, {MinimumSamplingSteps} sampling).");
        int total = (int)Math.Min(steps, int.MaxValue);
        int warmup = Math.Clamp((int)Math.Round(warmupFraction * total), 1, total - MinimumSamplingSteps);
        int sampling = total - warmup;
        // Each chain records ⌊sampling / thinning⌋ ≥ ⌈retained / chains⌉ draws (and at least four).
        int drawsPerChain = Math.Max(MinimumSamplingSteps, (int)Math.Ceiling(Math.Max(1, retainedDraws) / (double)chains));
        return new(warmup, sampling, Math.Max(1, sampling / drawsPerChain));
    }

    /// <summary>
    /// As many steps as fit in <paramref name="evaluations"/> target evaluations, never more:
    /// steps = ⌊(budget - start cost) / cost per step⌋, so the run uses the budget to within one step.
    /// </summary>
    public static McmcPlan ForEvaluations(long evaluations, McmcStepCost cost, double warmupFraction, int chains, int retainedDraws)
    {
        ArgumentNullException.ThrowIfNull(cost);
        long steps = (evaluations - cost.InitialEvaluations) / Math.Max(1, cost.EvaluationsPerStep);
        return ForSteps(steps, warmupFraction, chains, retainedDraws);
    }

    /// <summary>
    /// As many steps as fit in <paramref name="seconds"/> at <paramref name="secondsPerStep"/> (the start
    /// counted as one step). The run's actual wall time varies with the machine's load; it is reported as measured.
    /// </summary>
    public static McmcPlan ForTime(double seconds, double secondsPerStep, double warmupFraction, int chains, int retainedDraws)
    {
        if (!(secondsPerStep > 0)) throw new ArgumentOutOfRangeException(nameof(secondsPerStep), secondsPerStep, "The time per step must be positive.");
        long steps = (long)Math.Min(int.MaxValue, Math.Floor(seconds / secondsPerStep)) - 1;
        return ForSteps(steps, warmupFraction, chains, retainedDraws);
    }
}
