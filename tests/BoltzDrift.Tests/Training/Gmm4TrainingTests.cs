using BoltzDrift.Energies;
using BoltzDrift.Metrics;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;
using BoltzDrift.Training;

namespace BoltzDrift.Tests.Training;

/// <summary>
/// A short end-to-end training on gmm4 must find all four modes in the right proportions. The criteria are what a
/// working sampler must satisfy, with room for the systematic error of a 400-step run; they are checked to pass for
/// exact samples and to fail for an untrained and for a collapsed generator, so the test can tell them apart.
/// </summary>
public class Gmm4TrainingTests
{
    private const int EvaluationSamples = 4000;
    private static readonly double[][] Centres = [[2, 2], [-2, 2], [-2, -2], [2, -2]];
    private static readonly Target Gmm4 = Targets.Get("gmm4");

    /// <summary>
    /// Why a sample set is not an acceptable gmm4 sampler, or null if it is:
    /// - each mode's share (nearest centre) within 0.25 ± 0.1: the binomial standard error at n = 4000 is 0.007, so
    ///   this allows a large training bias while a missing mode (0) or two merged ones (≥ 1/3 each for the rest) fail;
    /// - at least 80% of the samples within 3σ = 1.5 of their nearest centre (exact: 1 - e^-4.5 = 98.9%; modes 1.7×
    ///   too wide give 80%): samples smeared between the modes fail;
    /// - mean error below 0.3 (exact-sample floor about √(2·4.25/n) ≈ 0.05; one mode missing gives ~0.9);
    /// - covariance error below 1.5 (floor ≈ 0.1; mode centres 12% too far out, at ±2.25, give 1.5; a collapsed
    ///   sampler 5.7).
    /// </summary>
    private static string? Failure(SampleSet samples)
    {
        var shares = new double[4];
        int inMode = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            var x = samples[i];
            int nearest = 0;
            double best = double.PositiveInfinity;
            for (int c = 0; c < 4; c++)
            {
                double d2 = Math.Pow(x[0] - Centres[c][0], 2) + Math.Pow(x[1] - Centres[c][1], 2);
                if (d2 < best) (best, nearest) = (d2, c);
            }
            shares[nearest] += 1.0 / samples.Count;
            if (best <= 1.5 * 1.5) inMode++;
        }
        double meanError = Moments.MeanError(samples, Gmm4.Mean!);
        double covarianceError = Moments.CovarianceError(samples, Gmm4.Covariance!);
        string summary = $"shares [{string.Join(", ", shares.Select(s => s.ToString("F3")))}], in-mode {inMode / (double)samples.Count:F3}, " +
            $"mean error {meanError:F3}, covariance error {covarianceError:F3}";
        if (shares.Any(s => Math.Abs(s - 0.25) > 0.1)) return "mode shares: " + summary;
        if (inMode < 0.8 * samples.Count) return "mass between modes: " + summary;
        if (meanError > 0.3) return "mean: " + summary;
        if (covarianceError > 1.5) return "covariance: " + summary;
        return null;
    }

    [Fact]
    public void Four_hundred_steps_find_all_four_modes_in_proportion()
    {
        var config = new TrainingConfig
        {
            Target = "gmm4",
            Steps = 400,
            Batch = 256,
            Proposals = 16,
            Bandwidths = [0.3, 1, 2],
            LearningRate = 1e-2,
            WeightAverageDecay = 0.9,
            NoiseDimension = 4,
            Width = 32,
            HiddenLayers = 2,
            Seed = 0,
            Threads = 2,
            CheckpointEvery = 0,
        };
        var trainer = new Trainer(config, Gmm4.Energy);
        var untrained = new Generator(trainer.State.SamplingNetwork, Parallelism.Serial).Sample(EvaluationSamples, seed: 1);
        while (trainer.State.Step < config.Steps) trainer.Step();
        var trained = new Generator(trainer.State.SamplingNetwork, Parallelism.Serial).Sample(EvaluationSamples, seed: 1);

        string? failure = Failure(trained);
        Assert.True(failure is null, $"trained: {failure}");

        // The criteria accept exact samples and reject an untrained and a collapsed generator.
        var rng = new Rng(2);
        failure = Failure(Gmm4.ExactSampler!.Sample(EvaluationSamples, ref rng));
        Assert.True(failure is null, $"exact: {failure}");
        Assert.NotNull(Failure(untrained));
        var collapsed = Gmm4.ExactSampler!.Sample(EvaluationSamples, ref rng);
        for (int i = 0; i < collapsed.Count; i++)  // every sample folded into the (2, 2) mode
        {
            collapsed.Values[2 * i] = Math.Abs(collapsed.Values[2 * i]);
            collapsed.Values[2 * i + 1] = Math.Abs(collapsed.Values[2 * i + 1]);
        }
        Assert.NotNull(Failure(collapsed));
    }
}
