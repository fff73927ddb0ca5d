using BoltzDrift.Energies;
using BoltzDrift.Training;

namespace BoltzDrift.Tests.Training;

/// <summary>Training configurations small enough for a unit test: a few milliseconds per step.</summary>
internal static class TinyRuns
{
    /// <summary>
    /// gmm4, batch 80 (three 32-row and five 16-sample chunks, so threads really split the work) and 120 forward-only
    /// samples for the sampler side, a 2×16 network,
    /// M = 8, two bandwidths, clipping on, single-threaded unless asked.
    /// </summary>
    public static TrainingConfig Config(ulong seed = 17, int threads = 1, int steps = 10) => new()
    {
        Target = "gmm4",
        Steps = steps,
        Batch = 80,
        SamplerSamples = 200,
        Proposals = 8,
        Bandwidths = [0.5, 1.5],
        LearningRate = 3e-3,
        MaxGradientNorm = 5,
        WeightAverageDecay = 0.9,
        NoiseDimension = 3,
        Width = 16,
        HiddenLayers = 2,
        Seed = seed,
        Threads = threads,
        CheckpointEvery = 0,
    };

    public static Energy Gmm4 => Targets.Get("gmm4").Energy;

    /// <summary>A fresh trainer after <paramref name="steps"/> steps.</summary>
    public static Trainer Trained(TrainingConfig config, int steps, Energy? energy = null, TrainingState? state = null)
    {
        var trainer = new Trainer(config, energy ?? Gmm4, state);
        for (int i = 0; i < steps; i++) trainer.Step();
        return trainer;
    }

    /// <summary>Parameters, weight average and both Adam moments, as raw bits, for bitwise comparison.</summary>
    public static int[] Bits(TrainingState state) =>
        state.Network.Parameters.Concat(state.AveragedParameters).Concat(state.Optimizer.FirstMoment).Concat(state.Optimizer.SecondMoment)
            .Select(BitConverter.SingleToInt32Bits).ToArray();
}
