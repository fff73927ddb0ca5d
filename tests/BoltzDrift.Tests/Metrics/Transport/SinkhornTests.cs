using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;
using static BoltzDrift.Tests.Metrics.Transport.TransportTestData;

namespace BoltzDrift.Tests.Metrics.Transport;

public class SinkhornTests
{
    [Fact]
    public void Divergence_approaches_squared_w2_as_epsilon_falls_and_stays_finite_at_1e_3()
    {
        var a = Gaussian(60, 2, seed: 1);
        var b = Gaussian(60, 2, seed: 2, shift: [1.0, 0.5]);
        double w2Squared = Math.Pow(Wasserstein.W2(a, b), 2);
        double[] epsilons = [1, 0.1, 0.01, 0.001];
        var gaps = new List<double>();
        foreach (double eps in epsilons)
        {
            var result = Sinkhorn.Divergence(a, b, new SinkhornOptions { Epsilon = eps }, Parallelism.Serial);
            Assert.True(double.IsFinite(result.Value), $"eps {eps}: {result.Value}");
            Assert.True(result.Converged, $"eps {eps}: marginal error {result.CrossTerm.MarginalError}");
            Assert.Equal(eps, result.Epsilon);
            gaps.Add(Math.Abs(result.Value - w2Squared));
        }
        for (int k = 1; k < gaps.Count; k++)
            Assert.True(gaps[k] < gaps[k - 1], $"gap to W2^2 grew from {gaps[k - 1]} to {gaps[k]} at eps {epsilons[k]}");
        Assert.True(gaps[^1] < 0.01 * w2Squared, $"at eps 1e-3 the divergence is {gaps[^1]} from W2^2 = {w2Squared}");
    }

    [Fact]
    public void Identical_sets_have_zero_divergence()
    {
        var a = Gaussian(150, 3, seed: 3);
        var result = Sinkhorn.Divergence(a, Shuffled(a, seed: 4), new SinkhornOptions(), Parallelism.Serial);
        Assert.True(Math.Abs(result.Value) < 1e-6, $"S = {result.Value}");
        Assert.True(result.SelfTermA.Cost > 0);  // the self terms themselves are not zero: the bias being removed
    }

    [Fact]
    public void Is_stable_at_small_epsilon_for_large_costs()
    {
        // Costs up to ~10^4 against eps = 1e-3: exp(-C / eps) would underflow everywhere outside the log domain.
        var a = Scaled(Gaussian(60, 2, seed: 5), 40);
        var b = Scaled(Gaussian(60, 2, seed: 6, shift: [0.5, 0]), 40);
        double w2Squared = Math.Pow(Wasserstein.W2(a, b), 2);
        var options = new SinkhornOptions { Epsilon = 1e-3, MaxIterations = 2_000 };
        var result = Sinkhorn.Divergence(a, b, options, Parallelism.Serial);
        Assert.True(double.IsFinite(result.Value), $"S = {result.Value}");
        Assert.Equal(w2Squared, result.Value, 1e-3 * w2Squared);
        var swapped = Sinkhorn.Divergence(b, a, options, Parallelism.Serial);
        Assert.Equal(result.Value, swapped.Value, 1e-3 * w2Squared);
    }

    [Fact]
    public void Handles_unequal_sizes()
    {
        // 40 points against each point repeated twice (80): the same empirical distribution, so S ≈ 0,
        // while a shifted copy is about |shift|^2 away.
        var a = Gaussian(40, 2, seed: 10);
        var doubled = new SampleSet([.. a.Values, .. a.Values], 2);
        var options = new SinkhornOptions { Epsilon = 1e-2 };
        Assert.True(Math.Abs(Sinkhorn.Divergence(a, doubled, options, Parallelism.Serial).Value) < 1e-4);
        double shifted = Sinkhorn.Divergence(a, Shifted(doubled, [0.3, 0.4]), options, Parallelism.Serial).Value;
        Assert.Equal(0.25, shifted, 0.01);
    }

    [Fact]
    public void Result_does_not_depend_on_the_thread_count()
    {
        var a = Gaussian(100, 2, seed: 7);
        var b = Gaussian(100, 2, seed: 8, shift: [0.3, 0]);
        var options = new SinkhornOptions { Epsilon = 0.01 };
        Assert.Equal(Sinkhorn.Divergence(a, b, options, Parallelism.Serial).Value, Sinkhorn.Divergence(a, b, options, new Parallelism(2)).Value);
    }

    [Fact]
    public void Entropic_cost_of_a_set_with_itself_is_biased_upwards_by_about_eps_log_n()
    {
        // At small eps the self-plan is the identity coupling: cost 0, entropy term eps KL = eps log n.
        var a = Gaussian(50, 2, seed: 9);
        var cost = Sinkhorn.EntropicCost(a, a, new SinkhornOptions { Epsilon = 1e-3 }, Parallelism.Serial);
        Assert.Equal(1e-3 * Math.Log(50), cost.Cost, 2e-4);
    }

    [Fact]
    public void Rejects_bad_options()
    {
        var a = Gaussian(5, 2, seed: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sinkhorn.Divergence(a, a, new SinkhornOptions { Epsilon = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sinkhorn.Divergence(a, a, new SinkhornOptions { Scaling = 1 }));
        Assert.Throws<ArgumentException>(() => Sinkhorn.Divergence(a, Gaussian(5, 3, seed: 1)));
    }

    private static SampleSet Scaled(SampleSet samples, double factor) =>
        new(samples.Values.Select(v => v * factor).ToArray(), samples.Dimension);
}
