using BoltzDrift.Energies.Expressions;
using BoltzDrift.Energies.Generic;
using BoltzDrift.Tests.Energies.Generic;

namespace BoltzDrift.Tests.Energies.Expressions;

/// <summary>The compiled expression as a function and as an energy: number types, threads, batches.</summary>
public class ExpressionEnergyTests
{
    private const string Text = "softplus(x0 - x2) * exp(-x1^2/2) + logsumexp(x0, 2*x1, -x2) + sqrt(1 + x0^2) * sin(x1 - cos(x2))";

    [Fact]
    public void AnyNumberType_EvaluatesTheSameExpression()
    {
        ExpressionFunction f = EnergyExpression.ParseFunction(Text, 3);
        foreach (double[] x in FiniteDifference.RandomPoints(5, 3, seed: 31))
        {
            double expected = ForwardDiff.Value(f, x);
            Real<float>[] single = [.. x.Select(v => new Real<float>((float)v))];
            NumericAssert.Close(expected, f.Evaluate<Real<float>>(single).Value, 1e-5 * Math.Max(1, Math.Abs(expected)));
            Dual[] dual = [.. x.Select((v, k) => Dual.Variable(v, k))];
            Assert.Equal(expected, f.Evaluate<Dual>(dual).Value);
        }
        Assert.Throws<ArgumentException>(() => f.Evaluate<Real<double>>(new Real<double>[2]));
    }

    [Fact]
    public void FreshlyParsedEnergy_GivesTheSameResultsFromManyThreads()
    {
        double[][] points = FiniteDifference.RandomPoints(300, 3, seed: 32);
        var serial = Results(EnergyExpression.Parse(Text, 3), points, parallel: false);
        // A new energy, so that the per-type trees are first built while threads race for them.
        var concurrent = Results(EnergyExpression.Parse(Text, 3), points, parallel: true);
        for (int i = 0; i < points.Length; i++) Assert.Equal(serial[i], concurrent[i]);
    }

    private static double[][] Results(BoltzDrift.Energies.Energy energy, double[][] points, bool parallel)
    {
        var results = new double[points.Length][];
        void One(int i)
        {
            var result = new double[1 + 3 + 9];
            result[0] = energy.Gradient(points[i], result.AsSpan(1, 3));
            energy.Hessian(points[i], result.AsSpan(4));
            results[i] = result;
        }
        if (parallel) Parallel.For(0, points.Length, One);
        else for (int i = 0; i < points.Length; i++) One(i);
        return results;
    }

    [Fact]
    public void BatchedFloatEnergies_MatchPointByPoint()
    {
        var energy = EnergyExpression.Parse(Text, 3);
        float[] flat = [.. FiniteDifference.RandomPoints(9, 3, seed: 33).SelectMany(p => p.Select(v => (float)v))];
        var energies = new float[9];
        energy.Evaluate(flat, energies);
        for (int i = 0; i < 9; i++)
            Assert.Equal((float)energy.Evaluate([flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]]), energies[i]);
    }

    [Fact]
    public void DefaultFunction_SaysHowToMakeOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => default(ExpressionFunction).Dimension);
        Assert.Contains(nameof(EnergyExpression.ParseFunction), error.Message);
        Assert.Equal("", default(ExpressionFunction).ToString());
    }
}
