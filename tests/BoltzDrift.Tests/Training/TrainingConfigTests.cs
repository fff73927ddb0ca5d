using BoltzDrift.Training;

namespace BoltzDrift.Tests.Training;

public class TrainingConfigTests
{
    [Fact]
    public void Learning_rate_is_constant_then_cut_once_at_the_decay_start()
    {
        var config = new TrainingConfig { Steps = 1000, LearningRate = 2e-3, LearningRateDecayStart = 0.7, LearningRateDecayFactor = 0.1 };
        Assert.Equal(2e-3, config.LearningRateAt(0));
        Assert.Equal(2e-3, config.LearningRateAt(699));
        Assert.Equal(2e-3 * 0.1, config.LearningRateAt(700));
        Assert.Equal(2e-3 * 0.1, config.LearningRateAt(999));
        Assert.Equal(2e-3 * 0.1, config.LearningRateAt(5000));
    }

    [Fact]
    public void Learning_rate_schedule_edge_cases()
    {
        var never = new TrainingConfig { Steps = 10, LearningRate = 1, LearningRateDecayStart = 1 };
        Assert.All(Enumerable.Range(0, 10), t => Assert.Equal(1, never.LearningRateAt(t)));
        var always = new TrainingConfig { Steps = 10, LearningRate = 1, LearningRateDecayStart = 0, LearningRateDecayFactor = 0.5 };
        Assert.All(Enumerable.Range(0, 10), t => Assert.Equal(0.5, always.LearningRateAt(t)));
        var flat = new TrainingConfig { Steps = 10, LearningRate = 1, LearningRateDecayFactor = 1 };
        Assert.All(Enumerable.Range(0, 10), t => Assert.Equal(1, flat.LearningRateAt(t)));
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(10, 10)]
    [InlineData(39, 39)]
    public void Noise_dimension_defaults_to_the_target_dimension_but_at_least_four(int targetDimension, int expected)
    {
        Assert.Equal(expected, new TrainingConfig().NoiseDimensionFor(targetDimension));
        Assert.Equal(3, new TrainingConfig { NoiseDimension = 3 }.NoiseDimensionFor(targetDimension));
        Assert.Equal(expected, TrainingState.Initialize(new TrainingConfig { Width = 8, HiddenLayers = 1 }, targetDimension).Network.Shape.NoiseDimension);
    }

    [Fact]
    public void The_pilots_settings_are_valid_for_every_built_in_target()
    {
        foreach (string name in BoltzDrift.Energies.Targets.Names)
        {
            var config = BoltzDrift.Training.Pilot.AutoSettings.For(BoltzDrift.Energies.Targets.Get(name));
            config.Validate();
            Assert.Equal(name, config.Target);
            Assert.NotNull(config.Pilot);
        }
    }

    public static TheoryData<string, Func<TrainingConfig, TrainingConfig>> Invalid => new()
    {
        { "--steps", c => c with { Steps = 0 } },
        { "--batch", c => c with { Batch = 1 } },
        { "--proposals", c => c with { Proposals = 0 } },
        { "--proposals must be even", c => c with { Proposals = 7 } },
        { "--proposals-large", c => c with { ProposalsLargestBandwidth = 5 } },
        { "--step-size", c => c with { StepSize = 0 } },
        { "--lr", c => c with { LearningRate = -1 } },
        { "--lr", c => c with { LearningRate = double.NaN } },
        { "--lr-decay-factor", c => c with { LearningRateDecayFactor = 0 } },
        { "--ema", c => c with { WeightAverageDecay = 1 } },
        { "--threads", c => c with { Threads = 0 } },
        { "--clip", c => c with { MaxGradientNorm = 0 } },
        { "Network sizes", c => c with { Width = 0 } },
        { "Bandwidths must be positive", c => c with { Bandwidths = [0.3, 0] } },
        { "Bandwidths must be positive", c => c with { Bandwidths = [-1] } },
        { "floor", c => c with { BandwidthFloors = [0.1, 5, 0.1] } },
        { "decay rate", c => c with { BandwidthDecay = -0.1 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_names_the_offending_option(string expected, Func<TrainingConfig, TrainingConfig> change)
    {
        var error = Assert.Throws<ArgumentException>(() => change(new TrainingConfig()).Validate());
        Assert.Contains(expected, error.Message);
    }
}
