using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Energies;

public class TabulatedDensity1DTests
{
    /// <summary>The reference constants of docs/targets.md, which are rounded to six decimals.</summary>
    [Fact]
    public void DoubleWellMarginal_ReproducesReferenceConstants()
    {
        const double tolerance = 2e-6;
        var x1 = DoubleWellEnergy.X1Marginal;
        NumericAssert.Close(0.844307, DoubleWellEnergy.RightWellProbability, tolerance, "P(x1 > 0)");
        NumericAssert.Close(1.187961, x1.Mean, tolerance, "E[x1]");
        NumericAssert.Close(1.548555, x1.Variance, tolerance, "Var[x1]");
        NumericAssert.Close(10.293480, new DoubleWellEnergy().LogNormalizer, tolerance, "log Z");
    }

    [Fact]
    public void StandardNormal_HasExactMomentsAndNormaliser()
    {
        var normal = new TabulatedDensity1D(x => -0.5 * x * x, -12, 12, 24_001);
        NumericAssert.Close(0, normal.Mean, 1e-12);
        NumericAssert.Close(1, normal.Variance, 1e-6);
        NumericAssert.Close(0.5 * Math.Log(2 * Math.PI), normal.LogNormalizer, 1e-6);
        NumericAssert.Close(0.5, normal.Cdf(0), 1e-12);
        NumericAssert.Close(0.8413447460685429, normal.Cdf(1), 1e-6); // Φ(1)
    }

    [Fact]
    public void Quantile_InvertsCdf()
    {
        var normal = new TabulatedDensity1D(x => -0.5 * x * x, -12, 12, 24_001);
        foreach (double x in new[] { -3.3, -1, 0, 0.123, 2.5 })
            NumericAssert.Close(x, normal.Quantile(normal.Cdf(x)), 1e-9);
    }

    [Fact]
    public void Quantile_NeverReturnsPointsOfZeroDensity()
    {
        // exp(-5000 x²) underflows to exactly 0 beyond |x| ≈ 0.386, i.e. on most of the grid (step 0.01):
        // even u = 0 must land in a cell with mass, not anywhere in the flat CDF of the empty tail.
        var narrow = new TabulatedDensity1D(x => -5000 * x * x, -6, 6, 1201);
        Assert.InRange(narrow.Quantile(0), -0.4, 0.4);
        Assert.InRange(narrow.Quantile(1 - 1e-16), -0.4, 0.4);
    }

    [Fact]
    public void Constructor_RejectsLogDensityThatIsNowhereFinite() =>
        Assert.Throws<ArgumentException>(() => new TabulatedDensity1D(_ => double.NegativeInfinity, -1, 1, 11));
}
