using System.Text.Json;
using BoltzDrift.Energies;
using BoltzDrift.Metrics;
using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics;

public class TransportEvaluatorTests
{
    private static readonly IsotropicGaussian Gaussian = new([0, 0], 1.5);

    private static readonly TransportOptions Small = new()
    {
        SampleSize = 200,
        SinkhornOptions = new SinkhornOptions { Epsilon = 0.05 },
        Parallelism = new Parallelism(2),
    };

    [Fact]
    public void Exact_samples_sit_at_their_floor_and_shifted_ones_far_above()
    {
        var exact = TransportEvaluator.Evaluate(Gaussian.ToTarget(), Gaussian.Sample(1000, seed: 1), seed: 5, Small);
        Assert.Equal(200, exact.N);
        Assert.Equal(5UL, exact.Seed);
        double?[] all = [exact.Metrics.W2, exact.Metrics.SlicedW2, exact.Metrics.EnergyW2, exact.Metrics.Sinkhorn,
            exact.Floor.W2, exact.Floor.SlicedW2, exact.Floor.EnergyW2, exact.Floor.Sinkhorn];
        Assert.All(all, v => Assert.True(v is { } x && double.IsFinite(x)));
        Assert.Null(exact.Metrics.SymmetryAwareW2);
        Assert.Null(exact.Metrics.Emc);  // no modes known for this ad-hoc target
        Assert.InRange(exact.Metrics.W2!.Value, 0.5 * exact.Floor.W2!.Value, 2 * exact.Floor.W2.Value);

        var shifted = TransportEvaluator.Evaluate(Gaussian.ToTarget(), new IsotropicGaussian([2, 0], 1.5).Sample(200, seed: 2), seed: 5, Small);
        Assert.Equal(exact.Floor, shifted.Floor);  // same seed, same reference and floor sets
        Assert.True(shifted.Metrics.W2 > 3 * shifted.Floor.W2);
        Assert.True(shifted.Metrics.Sinkhorn > 3 * shifted.Floor.Sinkhorn);
        Assert.True(shifted.Metrics.Mmd2Median > 10 * Math.Abs(shifted.Floor.Mmd2Median!.Value));
        Assert.Equal(exact.MmdBandwidth, shifted.MmdBandwidth);  // from the reference and floor sets only
        // At small epsilon the divergence is close to W2^2 of the same sets.
        Assert.Equal(Math.Pow(shifted.Metrics.W2!.Value, 2), shifted.Metrics.Sinkhorn!.Value, 0.05 * shifted.Metrics.Sinkhorn.Value);
    }

    [Fact]
    public void Mixture_targets_get_mode_metrics_and_json_has_the_documented_keys()
    {
        var gmm4 = Targets.Get("gmm4");
        var rng = new Rng(9);
        var collapsed = gmm4.ExactSampler!.Sample(2000, ref rng);
        // Move every sample into the component at (2, 2): total mode collapse.
        for (int i = 0; i < collapsed.Count; i++)
        {
            collapsed.Values[2 * i] = Math.Abs(collapsed.Values[2 * i]);
            collapsed.Values[2 * i + 1] = Math.Abs(collapsed.Values[2 * i + 1]);
        }
        var report = TransportEvaluator.Evaluate(gmm4, collapsed, seed: 1, Small with { Sinkhorn = false });
        Assert.True(report.Metrics.Emc < 0.05);
        Assert.Equal(0.75, report.Metrics.ModeWeightError!.Value, 0.02);
        Assert.True(report.Floor.Emc > 0.98);
        Assert.Null(report.Metrics.Sinkhorn);

        using var json = JsonDocument.Parse(report.ToJson());
        string[] metricKeys = ["w2", "sym_w2", "geo_w2", "sliced_w2", "energy_w2", "sinkhorn", "sinkhorn_harness", "mode_weight_error", "emc", "mmd2_rbf_median", "nonfinite_energies"];
        Assert.Equal(["target", "n", "seed", .. metricKeys, "floor", "floor_source", "protocol", "draws", "sinkhorn_epsilon", "sliced_directions", "mmd_bandwidth", "mode_weights"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(metricKeys, json.RootElement.GetProperty("floor").EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, json.RootElement.GetProperty("mode_weights").GetArrayLength());
        Assert.Equal(report.Metrics.W2, json.RootElement.GetProperty("w2").GetDouble());
        Assert.Equal("exact", json.RootElement.GetProperty("floor_source").GetString());
        Assert.Equal("ours", json.RootElement.GetProperty("protocol").GetString());
    }

    [Fact]
    public void Supplied_reference_sets_serve_targets_without_an_exact_sampler_such_as_particle_systems()
    {
        var target = new Target { Name = "four-particles", Description = "test", Energy = new IsotropicGaussian(new double[8], 1), Particles = new(4, 2) };
        var reference = new IsotropicGaussian(new double[8], 1).Sample(120, seed: 1);
        var floor = new IsotropicGaussian(new double[8], 1).Sample(120, seed: 2);
        var samples = new IsotropicGaussian(new double[8], 1).Sample(120, seed: 3);
        var report = TransportEvaluator.Evaluate(target, samples, reference, floor, Small with { Sinkhorn = false });
        Assert.Null(report.Seed);
        Assert.NotNull(report.Metrics.SymmetryAwareW2);  // layout from the target
        Assert.True(report.Metrics.SymmetryAwareW2 < report.Metrics.W2);
        Assert.Throws<ArgumentException>(() => TransportEvaluator.Evaluate(target, samples, seed: 1));
    }

    [Fact]
    public void Noise_floor_helper_reproduces_and_spreads()
    {
        var floor = NoiseFloor.Measure(Gaussian, 200, (a, b) => Wasserstein.W2(a, b, Parallelism.Serial), seed: 4, replicates: 4);
        Assert.Equal(4, floor.Values.Count);
        Assert.True(floor.StandardDeviation > 0);
        Assert.InRange(floor.Mean, 0.05, 0.6);
        Assert.Equal(floor.Values, NoiseFloor.Measure(Gaussian, 200, (a, b) => Wasserstein.W2(a, b, Parallelism.Serial), seed: 4, replicates: 4).Values);
    }
}
