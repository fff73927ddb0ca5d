using System.Text.Json;
using BoltzDrift.Metrics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics;

public class EvaluatorTests
{
    private static readonly IsotropicGaussian Gaussian = new([0, 0], 1.5);

    [Fact]
    public void Exact_samples_get_metrics_at_the_level_of_their_floor()
    {
        var report = Evaluator.Evaluate(Gaussian.ToTarget(), Gaussian.Sample(2000, seed: 42), seed: 7);

        Assert.Equal(("gauss", 2000, 2000, 7UL), (report.Target, report.N, report.MmdN, report.Seed));
        double?[] all = [report.Metrics.MeanError, report.Metrics.CovarianceError, report.Metrics.Mmd2RbfH1,
            report.Floor.MeanError, report.Floor.CovarianceError, report.Floor.Mmd2RbfH1];
        Assert.All(all, v => Assert.True(v is { } x && double.IsFinite(x)));
        // Sampling errors of n = 2000: about 1.5 sqrt(2 / 2000) ≈ 0.05 for the mean.
        Assert.InRange(report.Metrics.MeanError!.Value, 0, 0.2);
        Assert.InRange(report.Floor.MeanError!.Value, 0, 0.2);
        Assert.InRange(report.Floor.Mmd2RbfH1!.Value, -0.005, 0.005);
        var statistic = Assert.Single(report.Statistics);
        Assert.Equal("p_x0_pos", statistic.Key);
        Assert.Equal(0.5, statistic.Value.Exact);
        Assert.InRange(statistic.Value.Value, 0.45, 0.55);
    }

    [Fact]
    public void The_floor_is_the_mean_over_independent_exact_sets_with_their_spread()
    {
        const int n = 2000;
        var report = Evaluator.Evaluate(Gaussian.ToTarget(), Gaussian.Sample(n, seed: 42), seed: 7);

        var sets = Enumerable.Range(0, Evaluator.FloorReplicates).Select(r =>
        {
            var rng = new BoltzDrift.Numerics.Rng(7, stream: 1 + (ulong)r);
            return Moments.CovarianceError(Gaussian.Sample(n, ref rng), [2.25, 0, 0, 2.25]);
        }).ToArray();
        Assert.Equal(sets.Average(), report.Floor.CovarianceError!.Value, 12);
        Assert.Equal(new FloorEstimate(sets).StandardDeviation, report.FloorSpread!.CovarianceError!.Value, 12);
        Assert.Equal(Evaluator.FloorReplicates, report.FloorReplicates);
        // E|S - Σ|_F² = Σ_ij Var(S_ij) = 6 σ⁴ / n for an isotropic 2-D Gaussian: root 0.123 for σ = 1.5, n = 2000;
        // the mean of the norm lies a little below (Jensen), and sixteen sets give it to about ±0.01.
        Assert.InRange(report.Floor.CovarianceError!.Value, 0.085, 0.135);
        Assert.InRange(report.FloorSpread.CovarianceError!.Value, 0.01, 0.08);
    }

    [Fact]
    public void Shifted_samples_stand_far_above_the_floor()
    {
        var shifted = new IsotropicGaussian([1, 0], 1.5).Sample(2000, seed: 1);
        var report = Evaluator.Evaluate(Gaussian.ToTarget(), shifted, seed: 7);

        Assert.InRange(report.Metrics.MeanError!.Value, 0.85, 1.15);
        Assert.True(report.Metrics.MeanError > 5 * report.Floor.MeanError);
        Assert.True(report.Metrics.Mmd2RbfH1 > 10 * Math.Abs(report.Floor.Mmd2RbfH1!.Value));
    }

    [Fact]
    public void Json_has_exactly_the_specified_keys_and_round_trips_numbers()
    {
        var report = Evaluator.Evaluate(Gaussian.ToTarget(), Gaussian.Sample(500, seed: 2), seed: 3);
        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        Assert.Equal(["target", "n", "mean_error", "cov_error", "mmd2_rbf_h1", "floor", "floor_spread", "floor_replicates", "p_x0_pos", "p_x0_pos_exact"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["mean_error", "cov_error", "mmd2_rbf_h1"], root.GetProperty("floor").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["mean_error", "cov_error", "mmd2_rbf_h1"], root.GetProperty("floor_spread").EnumerateObject().Select(p => p.Name));
        Assert.Equal(Evaluator.FloorReplicates, root.GetProperty("floor_replicates").GetInt32());
        Assert.Equal(report.FloorSpread!.CovarianceError, root.GetProperty("floor_spread").GetProperty("cov_error").GetDouble());
        Assert.Equal("gauss", root.GetProperty("target").GetString());
        Assert.Equal(500, root.GetProperty("n").GetInt32());
        Assert.Equal(report.Metrics.MeanError, root.GetProperty("mean_error").GetDouble());
        Assert.Equal(report.Metrics.CovarianceError, root.GetProperty("cov_error").GetDouble());
        Assert.Equal(report.Metrics.Mmd2RbfH1, root.GetProperty("mmd2_rbf_h1").GetDouble());
        Assert.Equal(report.Floor.Mmd2RbfH1, root.GetProperty("floor").GetProperty("mmd2_rbf_h1").GetDouble());
        Assert.Equal(report.Statistics["p_x0_pos"].Value, root.GetProperty("p_x0_pos").GetDouble());
        Assert.Equal(0.5, root.GetProperty("p_x0_pos_exact").GetDouble());
    }

    [Fact]
    public void Same_seed_gives_the_same_report()
    {
        var samples = Gaussian.Sample(300, seed: 4);
        Assert.Equal(Evaluator.Evaluate(Gaussian.ToTarget(), samples, 9).ToJson(), Evaluator.Evaluate(Gaussian.ToTarget(), samples, 9).ToJson());
    }

    [Fact]
    public void Missing_exact_knowledge_gives_nulls_not_nans()
    {
        var samples = Gaussian.Sample(300, seed: 4);
        var noSampler = Evaluator.Evaluate(Gaussian.ToTarget(withSampler: false), samples, 1);
        Assert.NotNull(noSampler.Metrics.MeanError);
        Assert.Null(noSampler.Metrics.Mmd2RbfH1);
        Assert.Null(noSampler.MmdN);
        Assert.Equal(SampleMetrics.None, noSampler.Floor);

        var noMoments = Evaluator.Evaluate(Gaussian.ToTarget(withMoments: false), samples, 1);
        Assert.Equal((null, null), (noMoments.Metrics.MeanError, noMoments.Floor.CovarianceError));
        Assert.NotNull(noMoments.Floor.Mmd2RbfH1);

        using var json = JsonDocument.Parse(noSampler.ToJson());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("mmd2_rbf_h1").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("floor").GetProperty("mean_error").ValueKind);
    }

    [Fact]
    public void Wrong_dimension_is_rejected_naming_both()
    {
        var samples = new IsotropicGaussian([0, 0, 0], 1).Sample(10, seed: 1);
        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Gaussian.ToTarget(), samples, 1));
        Assert.Contains("dimension 3", error.Message);
        Assert.Contains("dimension 2", error.Message);
    }

    [Fact]
    public void Non_finite_rows_are_rejected_and_counted()
    {
        var samples = Gaussian.Sample(10, seed: 1);
        samples.Values[0] = double.NaN;
        samples.Values[1] = double.NaN;
        samples.Values[7] = double.PositiveInfinity;
        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Gaussian.ToTarget(), samples, 1));
        Assert.Contains("2 of 10 sample rows are non-finite", error.Message);
    }
}
