using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Baselines;

/// <summary>
/// Runs an <see cref="IMcmcSampler"/> end to end: start the chains, warm up (adapting step sizes), freeze,
/// then sample and record every thinning-th T = 1 point, counting every energy and gradient call.
/// </summary>
public static class McmcRunner
{
    /// <summary>Stream of <see cref="McmcOptions.Seed"/> from which starting points are drawn (the chains fork theirs from stream 0).</summary>
    private const ulong StartStream = 1;

    /// <summary>Runs <paramref name="sampler"/> on <paramref name="energy"/> as <paramref name="options"/> say.</summary>
    /// <param name="sampler">The sampler to run.</param>
    /// <param name="energy">The target's energy; the run counts its calls through a <see cref="CountingEnergy"/>.</param>
    /// <param name="options">Chains, steps, thinning and seed.</param>
    /// <param name="samplingObserver">
    /// Called after every sampling step (thinned or not) with the state, e.g. to accumulate statistics over
    /// every draw without storing them, or to report progress; null for none.
    /// </param>
    /// <param name="clock">Measures the warm-up and wall times; null for the system clock (tests inject a deterministic one).</param>
    public static McmcResult Run(IMcmcSampler sampler, Energy energy, McmcOptions options, Action<McmcState>? samplingObserver = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(energy);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(energy.Dimension);
        var counting = new CountingEnergy(energy);
        var parallelism = options.Parallelism;
        clock ??= TimeProvider.System;
        long start = clock.GetTimestamp();

        var state = sampler.Init(counting, StartingPoints(energy.Dimension, options), options.InitialStepSize, options.Seed);
        for (int step = 0; step < options.WarmupSteps; step++) sampler.Step(counting, state, adapt: true, parallelism);
        var warmupAcceptance = state.Acceptance.ToArray();
        var warmupCounts = counting.Counts;
        var warmupTime = clock.GetElapsedTime(start);
        state.EndWarmup();

        var draws = Draws(state.ChainCount, options.SamplingSteps / options.Thinning, energy.Dimension);
        for (int step = 1; step <= options.SamplingSteps; step++)
        {
            sampler.Step(counting, state, adapt: false, parallelism);
            samplingObserver?.Invoke(state);
            if (step % options.Thinning != 0) continue;
            int draw = step / options.Thinning - 1;
            for (int c = 0; c < draws.Length; c++) state.Position(c).CopyTo(draws[c][draw]);
        }

        return new McmcResult
        {
            Sampler = sampler.Name,
            Samples = Pool(draws, energy.Dimension),
            Chains = draws,
            StepSizes = state.StepSizes.Select(a => a.StepSize).ToArray(),
            WarmupAcceptance = warmupAcceptance,
            Acceptance = state.Acceptance.ToArray(),
            Swaps = state.Swaps.ToArray(),
            WarmupCounts = warmupCounts,
            Counts = counting.Counts,
            WarmupTime = warmupTime,
            WallTime = clock.GetElapsedTime(start),
        };
    }

    private static double[] StartingPoints(int dimension, McmcOptions options)
    {
        if (options.InitialPositions is { } given) return given;
        var rng = new Rng(options.Seed, StartStream);
        var points = new double[options.Chains * dimension];
        rng.FillGaussian(points);
        for (int i = 0; i < points.Length; i++) points[i] *= options.InitialSpread;
        return points;
    }

    private static double[][][] Draws(int chains, int draws, int dimension) =>
        Enumerable.Range(0, chains)
            .Select(_ => Enumerable.Range(0, draws).Select(_ => new double[dimension]).ToArray())
            .ToArray();

    private static SampleSet Pool(double[][][] draws, int dimension)
    {
        var values = new double[draws.Sum(chain => chain.Length) * dimension];
        int offset = 0;
        foreach (var point in draws.SelectMany(chain => chain))
        {
            point.CopyTo(values, offset);
            offset += dimension;
        }
        return new SampleSet(values, dimension);
    }
}
