using BoltzDrift.Engine;
using BoltzDrift.Numerics;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Engine;

public class AdamTests
{
    private const float Beta1 = 0.9f, Beta2 = 0.999f;

    [Fact]
    public void First_step_moves_each_parameter_by_the_learning_rate_against_its_gradient_sign()
    {
        // Bias correction makes m̂ = g and v̂ = g² after one step: Δθ = -lr g / (|g| + ε).
        float[] theta = [1f, -2f, 0.5f, 3f];
        float[] gradient = [0.3f, -40f, 1e-3f, -2e-2f];
        var adam = new Adam(4);
        float[] before = (float[])theta.Clone();
        adam.Update(theta, (float[])gradient.Clone(), 0.01f);
        Assert.Equal(1, adam.Step);
        for (int i = 0; i < 4; i++)
            NumericAssert.Close(-0.01 * Math.Sign(gradient[i]), theta[i] - before[i], 1e-7, $"parameter {i}");
    }

    [Fact]
    public void Vectorised_update_rounds_exactly_like_the_scalar_formula()
    {
        // Long enough for whole vectors of any width and a scalar tail; several steps, so the moments matter.
        const int n = 77;
        const float lr = 0.003f;
        var rng = new Rng(5);
        float[] theta = new float[n], gradient = new float[n], m = new float[n], v = new float[n];
        rng.FillGaussian(theta);
        float[] expected = (float[])theta.Clone();
        var adam = new Adam(n);
        for (int step = 1; step <= 4; step++)
        {
            rng.FillGaussian(gradient);
            float c1 = 1f / (1f - MathF.Pow(Beta1, step)), c2 = 1f / (1f - MathF.Pow(Beta2, step));
            for (int i = 0; i < n; i++)
            {
                float g = gradient[i];
                m[i] = Beta1 * m[i] + (1 - Beta1) * g;
                v[i] = Beta2 * v[i] + (1 - Beta2) * g * g;
                expected[i] -= lr * (m[i] * c1) / (MathF.Sqrt(v[i] * c2) + 1e-8f);
            }
            adam.Update(theta, (float[])gradient.Clone(), lr);
        }
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), theta.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Converges_to_the_minimum_of_an_ill_conditioned_quadratic()
    {
        // f(θ) = ½ Σ c_i (θ_i - t_i)², curvatures spanning two decades.
        const int n = 8;
        var rng = new Rng(11);
        double[] c = Enumerable.Range(0, n).Select(i => Math.Pow(10, -1 + 2.0 * i / (n - 1))).ToArray();
        double[] t = Enumerable.Range(0, n).Select(_ => 3 * rng.NextGaussian()).ToArray();
        float[] theta = new float[n], gradient = new float[n];
        double F() => Enumerable.Range(0, n).Sum(i => 0.5 * c[i] * (theta[i] - t[i]) * (theta[i] - t[i]));
        double initial = F();
        var adam = new Adam(n);
        const float finalRate = 1e-3f;
        for (int step = 0; step < 3000; step++)
        {
            for (int i = 0; i < n; i++) gradient[i] = (float)(c[i] * (theta[i] - t[i]));
            adam.Update(theta, gradient, step < 2000 ? 0.05f : finalRate);
        }
        // Adam's steps are of the order of the learning rate, so the final rate is the resolution it can reach.
        for (int i = 0; i < n; i++) NumericAssert.Close(t[i], theta[i], 10 * finalRate, $"θ[{i}]");
        Assert.True(F() < 1e-6 * initial, $"f fell from {initial} to only {F()}");
    }

    [Fact]
    public void Clipping_rescales_a_large_gradient_to_the_maximum_norm_and_returns_the_norm_before()
    {
        float[] gradient = [3f, -4f, 12f];  // norm 13
        var clipped = new Adam(3, new AdamOptions(MaxGradientNorm: 1.3f));
        float norm = clipped.Update(new float[3], gradient, 0.1f);
        Assert.Equal(13f, norm, 5);
        NumericAssert.Close(1.3, Math.Sqrt(gradient.Sum(g => (double)g * g)), 1e-6, "clipped norm");
        float[] direction = [3f / 13, -4f / 13, 12f / 13];
        for (int i = 0; i < 3; i++) NumericAssert.Close(direction[i] * 1.3, gradient[i], 1e-6, $"component {i}");
        // The moments see the clipped gradient only.
        for (int i = 0; i < 3; i++)
        {
            NumericAssert.Close((1 - Beta1) * gradient[i], clipped.FirstMoment[i], 1e-7, $"m[{i}]");
            NumericAssert.Close((1 - Beta2) * gradient[i] * gradient[i], clipped.SecondMoment[i], 1e-8, $"v[{i}]");
        }
    }

    [Fact]
    public void Clipping_rescales_a_finite_gradient_whose_squares_overflow_float32()
    {
        // |g| = 5e19: Σ g² = 2.5e39 is beyond float32, but g itself is finite and must be scaled down to the clip,
        // not to zero.
        float[] gradient = [3e19f, -4e19f];
        var adam = new Adam(2, new AdamOptions(MaxGradientNorm: 1f));
        float[] theta = new float[2];
        float norm = adam.Update(theta, gradient, 0.1f);
        NumericAssert.Close(5e19, norm, 5e19 * 1e-6, "norm before clipping");
        NumericAssert.Close(0.6, gradient[0], 1e-6, "g[0]");
        NumericAssert.Close(-0.8, gradient[1], 1e-6, "g[1]");
        NumericAssert.Close(-0.1, theta[0], 1e-6, "θ[0]");
        NumericAssert.Close(0.1, theta[1], 1e-6, "θ[1]");
    }

    [Fact]
    public void Clipping_leaves_small_gradients_and_the_trajectory_unchanged()
    {
        var rng = new Rng(12);
        var plain = new Adam(5);
        var clipped = new Adam(5, new AdamOptions(MaxGradientNorm: 100f));
        float[] a = new float[5], b = new float[5];
        for (int step = 0; step < 50; step++)
        {
            var g = new float[5];
            rng.FillGaussian(g);
            float[] g2 = (float[])g.Clone();
            plain.Update(a, g, 0.01f);
            clipped.Update(b, g2, 0.01f);
            Assert.Equal(g, g2);
        }
        Assert.Equal(a, b);
    }

    [Fact]
    public void Clipping_bounds_what_enters_the_moments_however_large_the_gradients()
    {
        const float max = 0.5f;
        var rng = new Rng(13);
        var adam = new Adam(6, new AdamOptions(MaxGradientNorm: max));
        var theta = new float[6];
        for (int step = 0; step < 200; step++)
        {
            var g = new float[6];
            rng.FillGaussian(g);
            float scale = MathF.Pow(10, 6 * (float)rng.NextDouble());  // norms up to ~1e6
            for (int i = 0; i < 6; i++) g[i] *= scale;
            float norm = adam.Update(theta, g, 1e-3f);
            Assert.True(Math.Sqrt(g.Sum(x => (double)x * x)) <= max * (1 + 1e-5), $"step {step}: norm {norm} not clipped");
            // m is an average of clipped gradients: its norm cannot exceed the clip; each v_i is at most max².
            Assert.True(Math.Sqrt(adam.FirstMoment.Sum(x => (double)x * x)) <= max * (1 + 1e-5));
            Assert.All(adam.SecondMoment, v => Assert.True(v <= max * max * (1 + 1e-5)));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_step_is_bounded_by_the_learning_rate_times_the_Adam_constant(bool clip)
    {
        // |m̂_i| / √v̂_i <= (1-β1)/√(1-β2) · √((1 - r^t)/(1 - r)) · √(1-β2^t)/(1-β1^t), r = β1²/β2 (Cauchy-Schwarz on the
        // two moving averages), whatever the gradients. Clipping rescales the gradient before it enters the moments,
        // so it cannot loosen this bound; Adam itself is what keeps a single spike from moving θ by more than lr·κ_t.
        const float lr = 1e-2f;
        var rng = new Rng(14);
        var adam = new Adam(4, new AdamOptions(MaxGradientNorm: clip ? 1f : null));
        var theta = new float[4];
        double r = (double)Beta1 * Beta1 / Beta2;
        for (int t = 1; t <= 300; t++)
        {
            var g = new float[4];
            rng.FillGaussian(g);
            // Long quiet stretches broken by spikes of up to 1e8: the worst case for an optimiser's step.
            float scale = t % 37 == 0 ? 1e8f : MathF.Pow(10, -6 + 3 * (float)rng.NextDouble());
            for (int i = 0; i < 4; i++) g[i] *= scale;
            float[] before = (float[])theta.Clone();
            adam.Update(theta, g, lr);
            double kappa = (1 - Beta1) / Math.Sqrt(1 - Beta2) * Math.Sqrt((1 - Math.Pow(r, t)) / (1 - r))
                * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t));
            for (int i = 0; i < 4; i++)
                Assert.True(Math.Abs(theta[i] - before[i]) <= lr * kappa * (1 + 1e-4) + 1e-7,
                    $"step {t}: parameter {i} moved {Math.Abs(theta[i] - before[i])} > lr·κ = {lr * kappa}");
        }
    }

    [Fact]
    public void Rejects_vectors_of_the_wrong_size()
    {
        var adam = new Adam(3);
        Assert.Throws<ArgumentException>(() => adam.Update(new float[4], new float[4], 0.1f));
        Assert.Throws<ArgumentException>(() => adam.Update(new float[3], new float[2], 0.1f));
    }
}
