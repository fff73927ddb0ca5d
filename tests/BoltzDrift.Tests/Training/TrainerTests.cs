using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Tests.Drift;
using BoltzDrift.Tests.Energies;
using BoltzDrift.Training;

namespace BoltzDrift.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void Same_seed_and_thread_count_give_bitwise_identical_runs()
    {
        var a = TinyRuns.Trained(TinyRuns.Config(), 4);
        var b = TinyRuns.Trained(TinyRuns.Config(), 4);
        Assert.Equal(TinyRuns.Bits(a.State), TinyRuns.Bits(b.State));
        Assert.Equal(4, a.State.Step);
    }

    [Theory]
    [InlineData(TargetEstimator.ImportanceSampling, SelfPairMode.Guarded)]
    [InlineData(TargetEstimator.Curvature, SelfPairMode.Exclude)]
    public void Results_do_not_depend_on_the_thread_count(TargetEstimator estimator, SelfPairMode selfPair)
    {
        // Parallelism.cs: work is cut into the same fixed chunks whatever the thread count, and the drift's random
        // streams are per chunk, so 1, 2 and 3 threads must agree bit for bit.
        int[] Run(int threads) => TinyRuns.Bits(TinyRuns.Trained(TinyRuns.Config(threads: threads) with { Estimator = estimator, SelfPair = selfPair }, 3).State);
        int[] serial = Run(1);
        Assert.Equal(serial, Run(2));
        Assert.Equal(serial, Run(3));
    }

    [Fact]
    public void Different_seeds_give_different_runs()
    {
        var a = TinyRuns.Trained(TinyRuns.Config(seed: 1), 2);
        var b = TinyRuns.Trained(TinyRuns.Config(seed: 2), 2);
        Assert.NotEqual(TinyRuns.Bits(a.State), TinyRuns.Bits(b.State));
    }

    [Theory]
    [InlineData(TargetEstimator.ImportanceSampling, 2, 0)]
    [InlineData(TargetEstimator.Curvature, 0, 2)]
    [InlineData(TargetEstimator.Hybrid, 1, 1)]
    public void Each_estimator_spends_energies_and_gradients_on_its_own_terms(TargetEstimator estimator, int importanceTerms, int curvatureTerms)
    {
        // Hybrid: curvature for the small bandwidth, importance sampling for the largest (which moves mass between modes).
        var config = TinyRuns.Config() with { Estimator = estimator };
        var report = new Trainer(config, TinyRuns.Gmm4).Step();
        Assert.Equal((long)importanceTerms * config.Batch * config.Proposals, report.EnergyEvaluations);
        Assert.Equal((long)curvatureTerms * config.Batch, report.GradientEvaluations);
    }

    [Fact]
    public void Step_report_describes_the_step()
    {
        var config = TinyRuns.Config(steps: 10) with { BandwidthDecay = 0.1, BandwidthFloors = [0.2, 1.0], StepSize = 0.5, LearningRateDecayStart = 0.5 };
        var trainer = new Trainer(config, TinyRuns.Gmm4);
        StepReport? last = null;
        for (int step = 0; step < 6; step++)
        {
            var report = trainer.Step();
            Assert.Equal(step + 1, report.Step);
            Assert.Equal([config.BandwidthSchedule.At(0, step), config.BandwidthSchedule.At(1, step)], report.Bandwidths);
            Assert.Equal(config.LearningRateAt(step), report.LearningRate);
            // Loss = η² mean |V|² (docs/method.md §2).
            NumericAssert.Close(0.25 * report.DriftRms * report.DriftRms, report.Loss, 1e-12 * (1 + report.Loss));
            Assert.Equal(2L * config.Batch * config.Proposals, report.EnergyEvaluations);
            Assert.Equal(0, report.GradientEvaluations);
            Assert.InRange(report.EffectiveSampleSize, 1, config.Proposals);
            Assert.True(report.GradientNorm > 0 && double.IsFinite(report.GradientNorm));
            Assert.Equal(0, report.NonFiniteEnergies + report.SamplesWithoutTargetInformation + report.CurvatureClamps);
            last = report;
        }
        Assert.Equal(config.LearningRate * config.LearningRateDecayFactor, last!.LearningRate);
        Assert.Equal(StepReport.CsvHeader.Split(',').Length, last.ToCsv().Split(',').Length);
    }

    [Fact]
    public void The_weight_average_follows_the_parameters()
    {
        var config = TinyRuns.Config() with { WeightAverageDecay = 0 };
        var trainer = TinyRuns.Trained(config, 2);
        Assert.Equal(trainer.State.Network.Parameters, trainer.State.AveragedParameters);
        var averaged = TinyRuns.Trained(TinyRuns.Config() with { WeightAverageDecay = 0.9 }, 2);
        Assert.NotEqual(averaged.State.Network.Parameters, averaged.State.AveragedParameters);
        Assert.Same(averaged.State.AveragedParameters, averaged.State.SamplingNetwork.Parameters);
    }

    [Fact]
    public void An_energy_that_is_NaN_everywhere_is_reported_every_step_not_turned_into_NaN()
    {
        // docs/method.md §3a: no target information must be reported. The trainer does not stop: V+ = 0 for every sample,
        // the sampler side alone acts, and the counters say so.
        var nan = new MaskedEnergy(TinyRuns.Gmm4, _ => true, double.NaN);
        var config = TinyRuns.Config();
        var trainer = new Trainer(config, nan);
        for (int step = 0; step < 3; step++)
        {
            var report = trainer.Step();
            Assert.Equal(2L * config.Batch, report.SamplesWithoutTargetInformation);
            Assert.Equal(2L * config.Batch * config.Proposals, report.NonFiniteEnergies);
            Assert.True(double.IsFinite(report.Loss));
        }
        Assert.All(trainer.State.Network.Parameters, p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void A_huge_learning_rate_diverges_with_a_clear_exception()
    {
        var trainer = new Trainer(TinyRuns.Config() with { LearningRate = 1e30, MaxGradientNorm = null }, TinyRuns.Gmm4);
        var error = Assert.Throws<TrainingDivergedException>(() => { for (int i = 0; i < 5; i++) trainer.Step(); });
        Assert.Contains("diverged at step", error.Message);
        Assert.Contains("--lr", error.Message);
    }

    [Fact]
    public void Rejects_estimators_the_energy_cannot_serve_and_networks_of_the_wrong_dimension()
    {
        var valuesOnly = new Metrics.IsotropicGaussian([0, 0], 1);
        var error = Assert.Throws<ArgumentException>(() => new Trainer(TinyRuns.Config() with { Estimator = TargetEstimator.Curvature }, valuesOnly));
        Assert.Contains("--estimator is", error.Message);
        _ = new Trainer(TinyRuns.Config(), valuesOnly);

        var threeD = TrainingState.Initialize(TinyRuns.Config(), 3);
        Assert.Throws<ArgumentException>(() => new Trainer(TinyRuns.Config(), TinyRuns.Gmm4, threeD));
    }
}
