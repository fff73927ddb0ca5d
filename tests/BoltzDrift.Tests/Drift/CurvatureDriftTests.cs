using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Drift;

public class CurvatureDriftTests
{
    /// <summary>The result is stored in float32: a few units of 2^-24 of its magnitude.</summary>
    private static double FloatTolerance(double value) => 4.0 / (1 << 24) * Math.Max(1, Math.Abs(value));

    [Fact]
    public void Is_exact_on_a_quadratic_at_the_reference_point()
    {
        var drift = Estimate(new CurvatureDrift(QuadraticEnergy.Reference), [1f, -0.7f], 0.5, new DriftDiagnostics());
        // x is rounded to float32 on the way in: use the float point for the exact value.
        var exact = QuadraticEnergy.Reference.ExactTargetDrift([1f, -0.7f], 0.5);
        NumericAssert.Close(exact[0], drift[0], FloatTolerance(exact[0]));
        NumericAssert.Close(exact[1], drift[1], FloatTolerance(exact[1]));
        NumericAssert.Close(-0.2807, drift[0], 5e-5);
        NumericAssert.Close(0.0681, drift[1], 5e-5);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void Is_exact_on_a_quadratic_everywhere_and_for_any_bandwidth(double s)
    {
        var energy = new QuadraticEnergy([3, -1.2, -1.2, 0.8], 2);  // positive definite, eigenvectors off the axes
        var rng = new Rng(21);
        var points = new float[2 * 40];
        rng.FillGaussian(points);
        var diagnostics = new DriftDiagnostics();
        var drift = Estimate(new CurvatureDrift(energy), points, s, diagnostics);
        for (int i = 0; i < 40; i++)
        {
            var exact = energy.ExactTargetDrift([points[2 * i], points[2 * i + 1]], s);
            for (int k = 0; k < 2; k++) NumericAssert.Close(exact[k], drift[2 * i + k], FloatTolerance(exact[k]), $"point {i}[{k}]");
        }
        Assert.Equal(0, diagnostics.CurvatureClamps);
        Assert.Equal(40, diagnostics.GradientEvaluations);
    }

    [Fact]
    public void Clamps_the_curvature_where_I_plus_s2H_is_not_positive_definite_and_counts_it()
    {
        // Double well: H = diag(12 x1² - 12, 1). Near x1 = 0, s²H11 ≈ -3 < -(1 - δ): clamped to -(1 - δ).
        // In the wells (x1 ≈ ±1.7) H11 ≈ 23: untouched.
        var energy = Targets.Get("double-well").Energy;
        const double s = 0.5, delta = 0.5;
        float[] points = [0.1f, 0.3f, -0.4f, -1f, 1.7f, 0.2f, -1.7f, 2f, 0.55f, 0f];
        var diagnostics = new DriftDiagnostics();
        var drift = Estimate(new CurvatureDrift(energy, delta), points, s, diagnostics);

        int expectedClamps = 0;
        for (int i = 0; i < 5; i++)
        {
            double x1 = points[2 * i], x2 = points[2 * i + 1];
            double g1 = 4 * x1 * x1 * x1 - 12 * x1 - 0.5, g2 = x2;
            double sh = s * s * (12 * x1 * x1 - 12);
            if (sh < -(1 - delta)) { sh = -(1 - delta); expectedClamps++; }
            double v1 = -s * s * g1 / (1 + sh), v2 = -s * s * g2 / (1 + s * s);
            NumericAssert.Close(v1, drift[2 * i], FloatTolerance(v1) + 1e-9, $"point {i}[0]");
            NumericAssert.Close(v2, drift[2 * i + 1], FloatTolerance(v2) + 1e-9, $"point {i}[1]");
        }
        Assert.Equal(3, expectedClamps);
        Assert.Equal(expectedClamps, diagnostics.CurvatureClamps);
        Assert.All(drift, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Clamped_drift_stays_finite_even_where_I_plus_s2H_is_singular()
    {
        // s²λ = -1 exactly would divide by zero without the clamp; far more negative would flip the sign.
        var energy = new QuadraticEnergy([-4, 0, 0, -400], 2);
        var diagnostics = new DriftDiagnostics();
        var drift = Estimate(new CurvatureDrift(energy, clampDelta: 0.1), [1f, 1f, -2f, 0.5f], 0.5, diagnostics);
        Assert.Equal(2, diagnostics.CurvatureClamps);
        // With every eigenvalue clamped, V = -s² g / δ: the first-order drift amplified by 1/δ, same direction.
        float[] expected = [(float)(-0.25 * -4 / 0.1), (float)(-0.25 * -400 / 0.1), (float)(-0.25 * 8 / 0.1), (float)(-0.25 * -200 / 0.1)];
        for (int i = 0; i < 4; i++) NumericAssert.Close(expected[i], drift[i], FloatTolerance(expected[i]) * 4);
    }

    [Fact]
    public void Non_finite_energy_or_derivatives_give_zero_drift_and_are_reported()
    {
        var energy = new MaskedEnergy(QuadraticEnergy.Reference, y => y[0] > 5, double.NaN);
        var diagnostics = new DriftDiagnostics();
        var drift = Estimate(new CurvatureDrift(energy), [1f, 0f, 6f, 0f, 7f, 1f], 0.5, diagnostics);
        Assert.Equal(2, diagnostics.SamplesWithoutTargetInformation);
        Assert.Equal([0f, 0f, 0f, 0f], drift[2..]);
        Assert.NotEqual(0f, drift[0]);
    }

    [Fact]
    public void Needs_gradient_and_Hessian_and_a_clamp_in_range()
    {
        var valuesOnly = new Metrics.IsotropicGaussian([0, 0], 1);
        var error = Assert.Throws<ArgumentException>(() => new CurvatureDrift(valuesOnly));
        Assert.Contains("importance-sampling", error.Message);
        Assert.Throws<ArgumentException>(() => new CurvatureDrift(QuadraticEnergy.Reference, clampDelta: 0));
        Assert.Throws<ArgumentException>(() => new CurvatureDrift(QuadraticEnergy.Reference, clampDelta: 1.5));
        _ = new CurvatureDrift(QuadraticEnergy.Reference, clampDelta: 1);
    }

    [Fact]
    public void Result_is_independent_of_the_thread_count()
    {
        var energy = Targets.Get("gmm4").Energy;
        var rng = new Rng(22);
        var points = new float[2 * 150];
        rng.FillGaussian(points);
        var serial = Estimate(new CurvatureDrift(energy), points, 0.7, new DriftDiagnostics());
        var parallel = Estimate(new CurvatureDrift(energy, parallelism: new Parallelism(3)), points, 0.7, new DriftDiagnostics());
        Assert.Equal(serial, parallel);
    }

    private static float[] Estimate(CurvatureDrift estimator, float[] points, double s, DriftDiagnostics diagnostics)
    {
        var drift = Enumerable.Repeat(float.NaN, points.Length).ToArray();
        estimator.Estimate(points, s, drift, seed: 0, diagnostics);
        return drift;
    }
}
