using BoltzDrift.Energies;
using BoltzDrift.Tests.Energies;
using BoltzDrift.Tests.Drift;
using BoltzDrift.Training.Pilot;

namespace BoltzDrift.Tests.Training.Pilot;

/// <summary>The pilot's measurements on energies whose geometry is known exactly.</summary>
public class EnergyPilotTests
{
    /// <summary>Independent Gaussians with standard deviations 0.3, 1 and 3: one basin, scales and span known.</summary>
    private static Target AxisGaussian() => Targets.FromExpression("x0^2/(2*0.3^2) + x1^2/2 + x2^2/(2*3^2)", 3);

    [Fact]
    public void On_an_axis_aligned_gaussian_it_finds_one_basin_its_narrowest_and_widest_scales_and_three_blocks()
    {
        var (_, findings) = EnergyPilot.Measure(AxisGaussian().Energy, seed: 1);
        Assert.Equal(1, findings.Basins);
        Assert.Equal(0, findings.RunawayStarts);
        NumericAssert.Close(0.3, findings.LocalScale, 1e-6, "narrowest scale = 1/√λ_max");
        NumericAssert.Close(3, findings.WidestLocalScale, 1e-5, "widest scale = 1/√λ_min");
        Assert.Equal([[0], [1], [2]], findings.Blocks);
        Assert.Null(findings.TranslationInvariantSpatialDimension);
        // The span is a short-MCMC standard deviation: 128 chains of 800 draws, so a few per cent of noise (and
        // some autocorrelation in the widest coordinate).
        double[] exact = [0.3, 1, 3];
        for (int k = 0; k < 3; k++)
            NumericAssert.Close(exact[k], findings.Span[k], 0.25 * exact[k], $"span of x{k}");
        Assert.True(findings.EnergyEvaluations + findings.GradientEvaluations > 0);
    }

    [Fact]
    public void A_correlated_energy_is_one_block_and_a_mixture_of_four_modes_has_four_basins()
    {
        var (_, correlated) = EnergyPilot.Measure(Targets.FromExpression("(x0 - x1)^2 + x1^2/4 + x2^2", 3).Energy, seed: 2);
        Assert.Equal([[0, 1], [2]], correlated.Blocks);
        var (_, gmm4) = EnergyPilot.Measure(Targets.Get("gmm4").Energy, seed: 3);
        Assert.Equal(4, gmm4.Basins);
        NumericAssert.Close(0.5, gmm4.LocalScale, 1e-3, "component standard deviation");
    }

    [Fact]
    public void On_a_funnel_the_scales_come_from_where_the_chains_hold_the_mass_not_from_the_neck_where_minimisers_stop()
    {
        // Every minimiser run slides down the neck (x0 ≪ 0, narrowest scale e^(x0/2): about 0.001 where they stop), a
        // negligible share of the mass; chains from the broad starts find the mouth, where x0 ~ N(0, 9) puts the
        // narrowest scale e^(x0/2) around 1 and the x_i's spread at several units.
        var (_, funnel) = EnergyPilot.Measure(Targets.Get("funnel10").Energy, seed: 7);
        Assert.Equal(1, funnel.Basins);
        Assert.InRange(funnel.LocalScale, 0.1, 3);
        Assert.InRange(funnel.TypicalSpan, 1.5, 12);
    }

    [Fact]
    public void An_energy_without_derivatives_is_measured_by_finite_differences_to_the_same_scales()
    {
        var exact = EnergyPilot.Measure(AxisGaussian().Energy, seed: 4).Findings;
        var valuesOnly = EnergyPilot.Measure(new ValuesOnlyEnergy(AxisGaussian().Energy), seed: 4).Findings;
        NumericAssert.Close(exact.LocalScale, valuesOnly.LocalScale, 1e-3 * exact.LocalScale, "narrowest scale");
        NumericAssert.Close(exact.WidestLocalScale, valuesOnly.WidestLocalScale, 1e-2 * exact.WidestLocalScale, "widest scale");
        Assert.Equal(exact.Blocks, valuesOnly.Blocks);
        Assert.Equal(exact.Basins, valuesOnly.Basins);
    }

    [Fact]
    public void Translation_invariance_of_particles_is_found_from_the_energy_alone()
    {
        // Three particles in 2-D bound by springs between them: invariant under every 2-D shift, not under 1-D ones alone.
        var springs = Targets.FromExpression("sum(i, 0, 1, sum(j, i + 1, 2, (x[2*i] - x[2*j])^2 + (x[2*i+1] - x[2*j+1])^2 - 1)^2)", 6);
        Assert.Equal(2, EnergyPilot.Measure(springs.Energy, seed: 5).Findings.TranslationInvariantSpatialDimension);
    }

    [Fact]
    public void An_energy_unbounded_below_is_refused_with_a_message_that_says_so()
    {
        var error = Assert.Throws<BoltzDrift.Training.DegenerateEnergyException>(() => EnergyPilot.Measure(Targets.FromExpression("-x^2 - y^2", 2).Energy, seed: 6));
        Assert.Contains("unbounded below", error.Message);
    }

    [Fact]
    public void Proposal_counts_double_until_the_scaled_effective_sample_size_reaches_the_target()
    {
        Assert.Equal(64, SettingsRules.Proposals(40, 1024));
        Assert.Equal(128, SettingsRules.Proposals(20, 1024));
        Assert.Equal(512, SettingsRules.Proposals(4.5, 1024));
        Assert.Equal(256, SettingsRules.Proposals(1.1, 256));
        Assert.Equal(1024, SettingsRules.Proposals(double.NaN, 1024));
    }

    [Theory]
    [InlineData(1, 2, 1e-3, 3, 2000)]     // one basin: the general settings
    [InlineData(4, 2, 3e-3, 3, 2000)]     // a few separated basins: a faster learning rate
    [InlineData(15, 8, 3e-3, 3, 2000)]
    [InlineData(16, 8, 1e-3, 5, 6000)]    // many basins in low dimension: depth and time instead
    [InlineData(40, 32, 1e-3, 3, 2000)]   // many basins in high dimension (products, particle permutations): the general settings
    public void The_network_steps_and_learning_rate_follow_the_number_of_basins(int basins, int dimension, double learningRate, int layers, int steps)
    {
        var findings = new PilotFindings
        {
            Dimension = dimension, Starts = 48, Basins = basins, BasinEnergySpread = 0, RunawayStarts = 0, LocalScale = 0.5,
            WidestLocalScale = 0.5, Span = Enumerable.Repeat(2.0, dimension).ToArray(), Blocks = [Enumerable.Range(0, dimension).ToArray()],
            EnergyEvaluations = 1, GradientEvaluations = 1,
        };
        var config = SettingsRules.Apply(new BoltzDrift.Training.TrainingConfig { Target = "t" }, findings);
        Assert.Equal((learningRate, layers, steps), (config.LearningRate, config.HiddenLayers, config.Steps));
    }

    [Fact]
    public void A_built_in_target_gets_exactly_the_settings_of_the_same_energy_typed_as_an_expression()
    {
        var builtIn = AutoSettings.For(Targets.Get("banana"));
        var typed = AutoSettings.For(Targets.FromExpression(BoltzDrift.Suite.SuiteCatalog.BananaExpression, 2));
        Assert.Equal(builtIn.Bandwidths, typed.Bandwidths);
        Assert.Equal((builtIn.InitialSpread, builtIn.Batch, builtIn.Proposals, builtIn.ProposalsLargestBandwidth, builtIn.HiddenLayers, builtIn.Steps),
            (typed.InitialSpread, typed.Batch, typed.Proposals, typed.ProposalsLargestBandwidth, typed.HiddenLayers, typed.Steps));
    }
}
