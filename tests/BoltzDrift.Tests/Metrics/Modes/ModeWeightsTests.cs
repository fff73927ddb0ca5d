using BoltzDrift.Energies;
using BoltzDrift.Metrics.Modes;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics.Modes;

public class ModeWeightsTests
{
    [Fact]
    public void Emc_is_one_for_uniform_weights_and_zero_for_one_mode()
    {
        Assert.Equal(1, ModeWeights.EntropicCoverage([0.25, 0.25, 0.25, 0.25]), 14);
        Assert.Equal(0, ModeWeights.EntropicCoverage([0, 1, 0, 0]));
        Assert.Equal(1, ModeWeights.EntropicCoverage([1.0]));
        // Two of four modes, equally: entropy log 2 over log 4.
        Assert.Equal(0.5, ModeWeights.EntropicCoverage([0.5, 0, 0.5, 0]), 14);
        double[] unequal = [0.7, 0.2, 0.1];
        double expected = -(0.7 * Math.Log(0.7) + 0.2 * Math.Log(0.2) + 0.1 * Math.Log(0.1)) / Math.Log(3);
        Assert.Equal(expected, ModeWeights.EntropicCoverage(unequal), 14);
    }

    [Fact]
    public void Weights_errors_and_unassigned_points_on_a_constructed_set()
    {
        // Centres at -1 and +1 on a line; points: three near -1, one near +1, one NaN.
        var samples = new SampleSet([-1.1, -0.9, -1.3, 0.8, double.NaN], 1);
        var coverage = ModeWeights.Evaluate(samples, ModeAssigners.NearestCentre([-1, 1], 1), [0.5, 0.5]);
        Assert.Equal([0.75, 0.25], coverage.Weights);
        Assert.Equal(1, coverage.Unassigned);
        Assert.Equal(0.25, coverage.MaxWeightError!.Value, 14);
        Assert.Equal(ModeWeights.EntropicCoverage([0.75, 0.25]), coverage.Emc);

        var blind = ModeWeights.Evaluate(samples, ModeAssigners.NearestCentre([-1, 1], 1), 2);
        Assert.Null(blind.MaxWeightError);
        Assert.Null(blind.ExactWeights);
        Assert.Throws<InvalidOperationException>(() => ModeWeights.Estimate(samples, _ => 5, 2, out _));
    }

    [Fact]
    public void Exact_gmm4_samples_spread_evenly_over_the_four_components()
    {
        var gmm4 = Targets.Get("gmm4");
        var rng = new Rng(3);
        var samples = gmm4.ExactSampler!.Sample(20_000, ref rng);
        var modes = ModeDefinition.ForTarget(gmm4)!;
        var coverage = ModeWeights.Evaluate(samples, modes.Assign, modes.ExactWeights);
        Assert.All(coverage.Weights, w => Assert.InRange(w, 0.24, 0.26));
        Assert.True(coverage.MaxWeightError < 0.01);
        Assert.True(coverage.Emc > 0.999);
    }

    [Fact]
    public void Double_well_modes_are_the_sign_of_x1_with_the_exact_right_well_mass()
    {
        var target = Targets.Get("double-well");
        var modes = ModeDefinition.ForTarget(target)!;
        Assert.Equal(0.844307, modes.ExactWeights[1], 5);
        Assert.Equal(1, modes.Assign([1.7, 0]));
        Assert.Equal(0, modes.Assign([-1.7, 3]));
        Assert.Null(ModeDefinition.ForTarget(Targets.Get("banana")));
    }

    [Fact]
    public void Highest_density_uses_weights_and_full_covariances()
    {
        // Component 0: weight 0.9, N(0, I); component 1: weight 0.1, N((2, 0), diag(0.01, 4)).
        double[] weights = [0.9, 0.1];
        double[] means = [0, 0, 2, 0];
        double[] covariances = [1, 0, 0, 1, 0.01, 0, 0, 4];
        var assign = ModeAssigners.HighestDensity(weights, means, covariances, 2);
        // At (2, 0): log 0.9 - 2 vs log 0.1 - 0.5 log(0.04) = -2.30 + 1.61: component 1 wins.
        Assert.Equal(1, assign([2, 0]));
        // At (1.8, 0): component 1 pays 0.5 * 0.04 / 0.01 = 2 more: log 0.1 + 1.61 - 2 = -2.69 < log 0.9 - 1.62 = -1.73.
        Assert.Equal(0, assign([1.8, 0]));
        Assert.Equal(-1, assign([double.NaN, 0]));
        Assert.Throws<ArgumentException>(() => ModeAssigners.HighestDensity(weights, means, [1, 0, 0, -1, 1, 0, 0, 1], 2));
    }

    [Fact]
    public void Sign_pattern_indexes_orthants()
    {
        var assign = ModeAssigners.SignPattern(0, 2);
        Assert.Equal(0, assign([-1, 5, -1]));
        Assert.Equal(1, assign([1, 5, -1]));
        Assert.Equal(3, assign([1, -5, 2]));
        Assert.Equal(-1, assign([double.NaN, 0, 1]));
    }
}
