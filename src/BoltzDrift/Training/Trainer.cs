using System.Diagnostics;
using System.Numerics.Tensors;
using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Engine;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Training;

/// <summary>Thrown when training produces non-finite samples or gradients; the last checkpoint stays valid.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

/// <summary>
/// The drifting method (docs/method.md §2): at every step generate x = f(ε), compute the drift V at x
/// outside any gradient tape, and take an Adam step on L = mean |x - stopgrad(x + ηV)|², whose
/// gradient with respect to x_i is -(2η/N) V_i. With <see cref="TrainingConfig.CentredParticles"/>, x = P f(ε)
/// for the zero-centre-of-mass projection P (<see cref="GeneratorPass"/>).
/// </summary>
public sealed class Trainer
{
    private readonly Energy _energy;
    private readonly DriftField _drift;
    private readonly GeneratorPass _pass;
    private readonly GeneratorPass? _extraPass;
    private readonly float[] _extraNoise;
    private readonly float[] _noise, _driftValues, _outputGradient, _parameterGradient;
    private readonly double[] _bandwidths;
    private readonly DriftDiagnostics _diagnostics = new();

    public Trainer(TrainingConfig config, Energy energy, TrainingState? state = null)
    {
        config.Validate();
        if (config.Estimator != TargetEstimator.ImportanceSampling && (!energy.HasGradient || !energy.HasHessian))
            throw new ArgumentException($"The {config.Estimator.ToString().ToLowerInvariant()} estimator needs the energy's gradient and Hessian; this energy provides values only. Use --estimator is.");
        Config = config;
        _energy = energy;
        State = state ?? TrainingState.Initialize(config, energy.Dimension);
        if (State.Network.Shape.OutputDimension != energy.Dimension)
            throw new ArgumentException($"The network produces points of dimension {State.Network.Shape.OutputDimension}, the target has dimension {energy.Dimension}.");
        var parallelism = new Parallelism(config.Threads);
        _pass = new GeneratorPass(State.Network, config.Batch, config.CentredParticles, parallelism);
        int extra = config.ExtraSamplerSamples;
        _extraPass = extra > 0 ? new GeneratorPass(State.Network, extra, config.CentredParticles, parallelism, forwardOnly: true) : null;
        _extraNoise = new float[extra * State.Network.Shape.NoiseDimension];
        if (config.Blocks is { } blocks)
        {
            try { CoordinateBlocks.Check(blocks, energy.Dimension); }
            catch (ArgumentException e) { throw new ArgumentException($"--blocks: {e.Message}"); }
        }
        // With blocks, one kernel serves every block in turn and then the joint term.
        var kernel = new SamplerDrift(config.SelfPair, parallelism);
        _drift = new DriftField(CreateTargetDrifts(config, energy, parallelism),
            config.Blocks is null ? kernel : new BlockSamplerDrift(config.Blocks, kernel), config.Normalization,
            config.NeighbourFloor, config.MinEffectiveNeighbours, joint: config.Blocks is null ? null : kernel);
        int d = energy.Dimension;
        _noise = new float[config.Batch * State.Network.Shape.NoiseDimension];
        _driftValues = new float[config.Batch * d];
        _outputGradient = new float[config.Batch * d];
        _parameterGradient = new float[State.Network.Parameters.Length];
        _bandwidths = new double[config.Bandwidths.Length];
    }

    public TrainingConfig Config { get; }
    public TrainingState State { get; }

    /// <summary>One target-side estimator per bandwidth term; the largest bandwidth may get more proposals. Importance sampling goes block by block when the energy separates.</summary>
    private static ITargetDrift[] CreateTargetDrifts(TrainingConfig config, Energy energy, Parallelism parallelism)
    {
        var schedule = config.BandwidthSchedule;
        int largest = Enumerable.Range(0, schedule.Count).MaxBy(k => schedule.Start[k]);
        bool Curvature(int k) => config.Estimator == TargetEstimator.Curvature
            || (config.Estimator == TargetEstimator.Hybrid && k != largest);
        return Enumerable.Range(0, schedule.Count).Select(k => Curvature(k)
            ? (ITargetDrift)new CurvatureDrift(energy, config.CurvatureClampDelta, parallelism)
            : BlockImportanceSamplingDrift.Create(energy, config.Blocks,
                k == largest && config.ProposalsLargestBandwidth is int m ? m : config.Proposals, config.Antithetic, parallelism,
                config.Jackknife)).ToArray();
    }

    /// <summary>Takes one training step and reports it.</summary>
    public StepReport Step()
    {
        long step = State.Step;
        int n = Config.Batch, d = _energy.Dimension;
        var schedule = Config.BandwidthSchedule;
        for (int k = 0; k < _bandwidths.Length; k++) _bandwidths[k] = schedule.At(k, step);
        double lr = Config.LearningRateAt(step);

        long t0 = Stopwatch.GetTimestamp();
        var noiseRng = RandomStreams.GeneratorNoise(Config.Seed, step);
        noiseRng.FillGaussian(_noise);
        var x = _pass.Forward(_noise, n);
        RequireFiniteSamples(x, step);
        var extra = ReadOnlySpan<float>.Empty;
        if (_extraPass is not null)
        {
            RandomStreams.ExtraSamplerNoise(Config.Seed, step).FillGaussian(_extraNoise);
            extra = _extraPass.Forward(_extraNoise, Config.ExtraSamplerSamples);
            RequireFiniteSamples(extra, step);
        }
        long t1 = Stopwatch.GetTimestamp();

        _diagnostics.Reset();
        _drift.Compute(x, d, _bandwidths, _driftValues, RandomStreams.Drift(Config.Seed, step), _diagnostics, extra);
        long t2 = Stopwatch.GetTimestamp();

        float driftSquares = TensorPrimitives.SumOfSquares(_driftValues);
        TensorPrimitives.Multiply(_driftValues, (float)(-2 * Config.StepSize / n), _outputGradient);
        _pass.Backward(_outputGradient, _parameterGradient);
        if (!IsFinite(_parameterGradient))
            throw new TrainingDivergedException($"Training diverged at step {step}: the parameter gradient is not finite.");
        float gradNorm = State.Optimizer.Update(State.Network.Parameters, _parameterGradient, (float)lr);
        UpdateAverage();
        long t3 = Stopwatch.GetTimestamp();

        double meanSquare = driftSquares / n;
        return new StepReport(step + 1, Config.StepSize * Config.StepSize * meanSquare, Math.Sqrt(meanSquare),
            _diagnostics.MeanEffectiveSampleSize, _diagnostics.Terms.Select(t => t.Bandwidth).ToArray(), lr, gradNorm,
            _diagnostics.NonFiniteEnergies, _diagnostics.SamplesWithoutTargetInformation, _diagnostics.CurvatureClamps,
            _diagnostics.EnergyEvaluations, _diagnostics.GradientEvaluations,
            Stopwatch.GetElapsedTime(t0, t1) + Stopwatch.GetElapsedTime(t2, t3), _drift.LastTargetTime, _drift.LastSamplerTime)
        {
            Terms = _diagnostics.Terms,
        };
    }

    /// <summary>θ̄ ← β θ̄ + (1 - β) θ.</summary>
    private void UpdateAverage()
    {
        float beta = (float)Config.WeightAverageDecay;
        var avg = State.AveragedParameters.AsSpan();
        TensorPrimitives.Multiply(avg, beta, avg);
        TensorPrimitives.MultiplyAdd(State.Network.Parameters, 1 - beta, avg, avg);
    }

    private static void RequireFiniteSamples(ReadOnlySpan<float> samples, long step)
    {
        if (!IsFinite(samples))
            throw new TrainingDivergedException($"Training diverged at step {step}: the generator produced non-finite samples. Try a lower --lr or --clip.");
    }

    private static bool IsFinite(ReadOnlySpan<float> values)
    {
        // A sum of absolute values is finite only if every term is (NaN and ∞ propagate).
        return float.IsFinite(TensorPrimitives.SumOfMagnitudes(values));
    }
}
