using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Energies.Field;

/// <summary>
/// Exact samplers of the field's targets against their exact moments and known statistics, with tolerances of
/// five standard errors of each estimate (fixed seeds), and log Z against independent quadrature.
/// </summary>
public class FieldExactDistributionTests
{
    private const int SampleCount = 100_000;
    private const double StandardErrors = 5;

    /// <summary>Targets whose fourth moments are moderate, so the sample estimates their standard errors well.</summary>
    public static TheoryData<string> LightTailed => new(FieldCases.ExactNames.Where(n => n != "funnel10"));

    [Theory]
    [MemberData(nameof(FieldCases.Exact), MemberType = typeof(FieldCases))]
    public void SampleMean_MatchesExactMean(string name)
    {
        var target = Targets.Get(name);
        SampleSet samples = Draw(target, seed: 10);
        int d = target.Dimension;
        for (int j = 0; j < d; j++)
        {
            double standardError = Math.Sqrt(target.Covariance![j * d + j] / SampleCount);
            NumericAssert.Close(target.Mean![j], Column(samples, j).Average(), StandardErrors * standardError, $"mean[{j}]");
        }
    }

    [Theory]
    [MemberData(nameof(LightTailed))]
    public void SampleCovariance_MatchesExactCovariance(string name)
    {
        var target = Targets.Get(name);
        SampleSet samples = Draw(target, seed: 11);
        int d = target.Dimension, n = samples.Count;
        double[] mean = target.Mean!;
        // Centred on the exact mean, each product is an i.i.d. term with expectation C_jl; its variance (a fourth
        // moment) is estimated from the same sample.
        var sums = new double[d * d];
        var squares = new double[d * d];
        var centred = new double[d];
        for (int i = 0; i < n; i++)
        {
            var x = samples[i];
            for (int j = 0; j < d; j++) centred[j] = x[j] - mean[j];
            for (int j = 0; j < d; j++)
                for (int l = j; l < d; l++)
                {
                    double product = centred[j] * centred[l];
                    sums[j * d + l] += product;
                    squares[j * d + l] += product * product;
                }
        }
        for (int j = 0; j < d; j++)
            for (int l = j; l < d; l++)
            {
                double covariance = sums[j * d + l] / n;
                double standardError = Math.Sqrt((squares[j * d + l] / n - covariance * covariance) / n);
                NumericAssert.Close(target.Covariance![j * d + l], covariance, StandardErrors * standardError, $"cov[{j},{l}]");
            }
    }

    /// <summary>
    /// The funnel's x_i have kurtosis e^{18}-ish, so their sample variance says little. Its structure is checked
    /// instead: x0 ~ N(0, 9) and x_i e^{-x0/2} ~ N(0, 1) independent of x0.
    /// </summary>
    [Fact]
    public void Funnel_NeckHasVarianceNine_AndStandardisedCoordinatesAreStandardNormal()
    {
        var target = Targets.Get("funnel10");
        SampleSet samples = Draw(target, seed: 12);
        var statistic = Assert.Single(target.Statistics);
        Assert.Equal(9, statistic.Exact);
        NumericAssert.Close(9, statistic.Estimate(samples), StandardErrors * Math.Sqrt(2 * 81.0 / SampleCount), "Var[x0]");
        for (int i = 1; i < 10; i++)
        {
            var standardised = Enumerable.Range(0, samples.Count).Select(k => samples[k][i] * Math.Exp(-0.5 * samples[k][0])).ToArray();
            NumericAssert.Close(0, standardised.Average(), StandardErrors / Math.Sqrt(SampleCount), $"mean of z{i}");
            NumericAssert.Close(1, standardised.Average(z => z * z), StandardErrors * Math.Sqrt(2.0 / SampleCount), $"var of z{i}");
            double cross = Enumerable.Range(0, samples.Count).Average(k => standardised[k] * samples[k][0] / 3);
            NumericAssert.Close(0, cross, StandardErrors / Math.Sqrt(SampleCount), $"corr(z{i}, x0)");
        }
    }

    /// <summary>E(x) + log p_defn(x) = 0 with p_defn the product of the defining normal densities: the funnel is normalised.</summary>
    [Fact]
    public void Funnel_EnergyIsMinusLogOfTheDefiningDensity()
    {
        var energy = Targets.Get("funnel10").Energy;
        foreach (double[] x in FieldCases.TestPoints(Targets.Get("funnel10"), 20, seed: 13))
        {
            double logDensity = LogNormal(x[0], 9);
            for (int i = 1; i < 10; i++) logDensity += LogNormal(x[i], Math.Exp(x[0]));
            NumericAssert.Close(-logDensity, energy.Evaluate(x), 1e-10 * Math.Max(1, Math.Abs(logDensity)));
        }

        static double LogNormal(double x, double variance) => -0.5 * (Math.Log(2 * Math.PI * variance) + x * x / variance);
    }

    [Fact]
    public void ManyWell_EveryPairHasTheDoubleWellRightMass()
    {
        var target = Targets.Get("manywell32");
        SampleSet samples = Draw(target, seed: 14);
        const double exact = 0.844307;
        double perPair = StandardErrors * Math.Sqrt(exact * (1 - exact) / SampleCount);
        for (int p = 0; p < 16; p++)
            NumericAssert.Close(exact, Column(samples, 2 * p).Average(x => x > 0 ? 1.0 : 0.0), perPair, $"pair {p}");
        var statistic = Assert.Single(target.Statistics);
        NumericAssert.Close(exact, statistic.Exact, 1e-6);
        NumericAssert.Close(exact, statistic.Estimate(samples), perPair / 4, "pooled");
    }

    [Fact]
    public void Mw5_ModesAreSymmetricAndEquallyLikely()
    {
        var target = Targets.Get("mw5");
        SampleSet samples = Draw(target, seed: 15);
        double[] fractions = target.Modes!.Fractions(samples);
        Assert.Equal(32, fractions.Length);
        double standardError = Math.Sqrt(1 / 32.0 * (31 / 32.0) / SampleCount);
        for (int k = 0; k < 32; k++) NumericAssert.Close(1 / 32.0, fractions[k], StandardErrors * standardError, $"mode {k}");
        for (int j = 0; j < 5; j++)
        {
            NumericAssert.Close(0.5, Column(samples, j).Average(x => x > 0 ? 1.0 : 0.0), StandardErrors * Math.Sqrt(0.25 / SampleCount), $"P(x{j} > 0)");
            NumericAssert.Close(2, Column(samples, j).Average(Math.Abs), 0.05, $"E|x{j}|"); // wells at ±2, slightly skewed outwards
        }
    }

    /// <summary>
    /// Exact samples fall into each mode region at the rate of its exact weight. For gmm40 these are region
    /// masses, which differ from the nominal 1/40 where components overlap.
    /// </summary>
    [Theory]
    [InlineData("gmm40")]
    [InlineData("gmm25")]
    [InlineData("rings")]
    public void ModeFractionsOfExactSamples_MatchExactWeights(string name)
    {
        var target = Targets.Get(name);
        var modes = target.Modes!;
        double[] fractions = modes.Fractions(Draw(target, seed: 16));
        for (int k = 0; k < modes.Count; k++)
        {
            double w = modes.Weight(k);
            NumericAssert.Close(w, fractions[k], StandardErrors * Math.Sqrt(w * (1 - w) / SampleCount) + 1e-12, $"mode {k}");
        }
    }

    /// <summary>
    /// log Z against the midpoint rule on a grid of step h ≤ σ/5 over a box reaching 9 σ beyond every mode. For
    /// smooth, rapidly decaying integrands the rule converges spectrally (error ~ e^{-2π²σ²/h²} for a Gaussian),
    /// so the check is of the normaliser, not of the quadrature.
    /// </summary>
    [Theory]
    [InlineData("gmm40", 0.25, 55)]
    [InlineData("gmm25", 0.1, 15)]
    [InlineData("rings", 0.02, 3.2)]
    public void PlanarLogNormalizer_MatchesGridQuadrature(string name, double step, double halfWidth)
    {
        var target = Targets.Get(name);
        int cells = (int)Math.Round(2 * halfWidth / step);
        // Rows in parallel, each summed in order: deterministic.
        var rows = new double[cells];
        Parallel.For(0, cells, i =>
        {
            var point = new double[2];
            point[0] = -halfWidth + (i + 0.5) * step;
            double sum = 0;
            for (int j = 0; j < cells; j++)
            {
                point[1] = -halfWidth + (j + 0.5) * step;
                sum += Math.Exp(-target.Energy.Evaluate(point));
            }
            rows[i] = sum;
        });
        NumericAssert.Close(target.LogZ!.Value, Math.Log(rows.Sum() * step * step), 1e-6);
    }

    /// <summary>mw5's log Z is five times the log of ∫ exp(-(x² - 4)²) dx, here by Simpson's rule on [-5, 5].</summary>
    [Fact]
    public void Mw5_LogNormalizer_IsFiveTimesTheOneDimensionalIntegral()
    {
        const int intervals = 20_000;
        double h = 10.0 / intervals, sum = 0;
        for (int i = 0; i <= intervals; i++)
        {
            double x = -5 + i * h, f = Math.Exp(-Math.Pow(x * x - 4, 2));
            sum += f * (i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2);
        }
        NumericAssert.Close(5 * Math.Log(sum * h / 3), Targets.Get("mw5").LogZ!.Value, 1e-9);
    }

    /// <summary>The exact values stated in docs/targets.md, and the closed forms that follow from the definitions.</summary>
    [Fact]
    public void ReferenceValues_MatchTargetDefinitions()
    {
        NumericAssert.Close(164.695675, Targets.Get("manywell32").LogZ!.Value, 1e-5);
        NumericAssert.Close(1.187961, Targets.Get("manywell32").Mean![30], 2e-6);
        NumericAssert.Close(1.548555, Targets.Get("manywell32").Covariance![30 * 32 + 30], 2e-6);
        Assert.Equal(0, Targets.Get("gmm40").LogZ);
        Assert.Equal(0, Targets.Get("gmm25").LogZ);
        Assert.Equal(0, Targets.Get("funnel10").LogZ);

        var funnel = Targets.Get("funnel10").Covariance!;
        Assert.Equal(9, funnel[0]);
        Assert.Equal(Math.Exp(4.5), funnel[5 * 10 + 5], 12);

        // gmm25: σ² + mean of {100, 25, 0, 25, 100} per axis, no correlation.
        var gmm25 = Targets.Get("gmm25");
        Assert.Equal([0, 0], gmm25.Mean!.Select(m => Math.Round(m, 12)));
        NumericAssert.Close(50.3, gmm25.Covariance![0], 1e-12);
        NumericAssert.Close(0, gmm25.Covariance[1], 1e-12);

        // rings: each ring's radial density ∝ ρ exp(-(ρ - r)²/2s²) has E[ρ²] = r² + 3s² and mass ∝ r (to e^-32),
        // so E[|x|²] = (1/3)(1 + 3s²) + (2/3)(4 + 3s²) and log Z = log(2π · √(2π) s (1 + 2)).
        double s = 0.125;
        var rings = Targets.Get("rings");
        NumericAssert.Close(0.5 * (3 + 3 * s * s), rings.Covariance![0], 1e-6);
        NumericAssert.Close(Math.Log(2 * Math.PI * Math.Sqrt(2 * Math.PI) * s * 3), rings.LogZ!.Value, 1e-6);

        // gmm40: the published means (first and last of data/gmm40.json) and std softplus(1) in float32.
        var gmm40 = (GaussianMixtureEnergy)Targets.Get("gmm40").Energy;
        Assert.Equal(40, gmm40.ComponentCount);
        Assert.Equal(1.31326162815094, gmm40.Std);
        NumericAssert.Close(Math.Log(1 + Math.E), gmm40.Std, 1e-7);
        Assert.Equal([-0.299473, 21.457745], gmm40.Means[..2].ToArray());
        Assert.Equal([3.6797, -25.024214], gmm40.Means[^2..].ToArray());
        Assert.All(gmm40.Means.ToArray(), m => Assert.InRange(m, -40, 40));
    }

    private static SampleSet Draw(Target target, ulong seed)
    {
        var rng = new Rng(seed);
        return target.ExactSampler!.Sample(SampleCount, ref rng);
    }

    private static double[] Column(SampleSet samples, int j) =>
        Enumerable.Range(0, samples.Count).Select(i => samples[i][j]).ToArray();
}
