using System.Diagnostics;
using System.Globalization;
using BoltzDrift.Energies;
using BoltzDrift.Sampling;
using BoltzDrift.Training;
using BoltzDrift.Training.Pilot;

namespace BoltzDrift.Suite;

/// <summary>
/// Runs the suite: for each (case, seed) the pilot derives the settings (<see cref="AutoSettings"/>), BoltzDrift
/// trains with them and nothing else, draws <see cref="SampleCount"/> samples and the case's checks evaluate them.
/// Work is listed case-major, seed-minor; shard i of n takes every item whose index is i modulo n, so a job
/// array can run the parts independently and <see cref="SuiteTables.Collect"/> merges them.
/// </summary>
public static class SuiteRunner
{
    /// <summary>Samples drawn from each trained sampler (docs/metrics.md protocol).</summary>
    public const int SampleCount = 100_000;

    /// <summary>Offset of the evaluation seed from the training seed, as in <c>bench</c>.</summary>
    public const ulong EvaluationSeedOffset = 12345;

    /// <summary>The (case, seed) items of shard <paramref name="shard"/> of <paramref name="shards"/>.</summary>
    public static IReadOnlyList<(SuiteCase Case, ulong Seed)> Plan(IReadOnlyList<SuiteCase> cases, IReadOnlyList<ulong> seeds, int shard = 0, int shards = 1)
    {
        if (shards < 1 || shard < 0 || shard >= shards)
            throw new ArgumentException($"--shard must be I/N with 0 ≤ I < N, got {shard}/{shards}.");
        return cases.SelectMany(c => seeds.Select(s => (c, s))).Where((_, i) => i % shards == shard).ToList();
    }

    /// <summary>Trains, samples and checks one case for one seed.</summary>
    public static SuiteResult Run(SuiteCase suiteCase, ulong seed, int threads, IProgress<StepReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(suiteCase);
        var clock = Stopwatch.StartNew();
        var target = suiteCase.CreateTarget();
        var config = AutoSettings.For(target, seed) with { Seed = seed, Threads = threads, CheckpointEvery = 0 };
        var counting = new CountingEnergy(target.Energy);
        var trainer = new Trainer(config, counting);
        while (trainer.State.Step < config.Steps)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(trainer.Step());
        }
        double seconds = clock.Elapsed.TotalSeconds;
        var samples = Generator.For(config, trainer.State.SamplingNetwork).Sample(SampleCount, seed + 1);
        var pilot = config.Pilot!;
        var c = CultureInfo.InvariantCulture;
        return new SuiteResult
        {
            Case = suiteCase.Name,
            Seed = seed,
            Criteria = suiteCase.Check(samples, seed + EvaluationSeedOffset),
            EnergyEvaluations = counting.Counts.Energy + pilot.EnergyEvaluations,
            GradientEvaluations = counting.Counts.Gradient + counting.Counts.Hessian + pilot.GradientEvaluations,
            TrainingSeconds = seconds,
            MaxTrainingSeconds = suiteCase.MaxTrainingSeconds,
            Settings = string.Create(c, $"s = {string.Join("/", config.Bandwidths.Select(b => b.ToString("G3", c)))}, spread {config.InitialSpread:G3}, "
                + $"M {config.Proposals}/{config.ProposalsLargestBandwidth ?? config.Proposals}, N {config.Batch}{(config.ExtraSamplerSamples > 0 ? $"/{config.Batch + config.ExtraSamplerSamples}" : "")}, {config.HiddenLayers}x{config.Width}, {config.Steps} steps{(config.Blocks is { } blocks ? $", {blocks.Length} blocks" : "")}"),
        };
    }
}
