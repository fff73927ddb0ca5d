using BoltzDrift.Tests.Energies;
using BoltzDrift.Energies.Expressions;
using BoltzDrift.Tests.Energies.Generic;
using CsCheck;

namespace BoltzDrift.Tests.Energies.Expressions;

/// <summary>Property tests over random expressions and random text.</summary>
public class ExpressionPropertyTests
{
    /// <summary>
    /// Runs <paramref name="assert"/> on <paramref name="iter"/> cases drawn from a fixed seed, so every run
    /// checks the same cases (CsCheck's own Sample draws fresh ones each time); a failure names its case.
    /// </summary>
    private static void FixedSample<T>(Gen<T> gen, Action<T> assert, int iter)
    {
        var pcg = new PCG(1, 20261129);
        for (int i = 0; i < iter; i++)
        {
            var value = gen.Generate(pcg, null!, out _);
            try { assert(value); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"case {i} of {iter} failed: {value}\n{e.Message}"); }
        }
    }

    /// <summary>A random expression in dimension D, and a point to evaluate it at.</summary>
    internal sealed record Case(int Dimension, ExpressionTree Tree, double[] Point)
    {
        public override string ToString() => $"d = {Dimension}: {Tree.Print()} at [{string.Join(", ", Point)}]";
    }

    private static readonly Gen<ExpressionTree>[] s_trees = [.. Enumerable.Range(1, 3).Select(d => ExpressionTrees.Tree(d, depth: 4))];

    /// <summary>
    /// Coordinates of magnitude 0.05 to 2, nudged off the grid of the generated constants. Zero and grid
    /// points are avoided because there an intermediate can be exactly 0 where a primitive is not
    /// differentiable (|g| at a double root of g has curvature that no choice of |·|'' at 0 gets right),
    /// and tiny coordinates turn x/tanh(x) into 0/0, whose derivative no formula gets right.
    /// </summary>
    private static readonly Gen<double> s_coordinate =
        Gen.Select(Gen.Double[0.05, 2.0], Gen.Bool, (magnitude, negative) => (negative ? -1 : 1) * (magnitude + 1.234567e-7));

    private static readonly Gen<ExpressionTree>[] s_tameTrees = [.. Enumerable.Range(1, 3).Select(d => ExpressionTrees.Tree(d, depth: 3, extremeConstants: false))];

    /// <summary>Expressions of any kind: for values.</summary>
    private static readonly Gen<Case> s_cases =
        Gen.Int[1, 3].SelectMany(d => Gen.Select(s_trees[d - 1], s_coordinate.Array[d], (tree, x) => new Case(d, tree, x)));

    /// <summary>Shallower expressions without extreme constants: for derivatives against finite differences.</summary>
    private static readonly Gen<Case> s_tameCases =
        Gen.Int[1, 3].SelectMany(d => Gen.Select(s_tameTrees[d - 1], s_coordinate.Array[d], (tree, x) => new Case(d, tree, x)));

    private static bool Same(double expected, double actual) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected));

    [Fact]
    public void CompiledValue_MatchesTheReferenceTreeWalk() =>
        FixedSample(s_cases, c =>
        {
            var energy = EnergyExpression.Parse(c.Tree.Print(), c.Dimension);
            double expected = c.Tree.Evaluate(c.Point), actual = energy.Evaluate(c.Point);
            Assert.True(Same(expected, actual), $"reference {expected}, compiled {actual}");
            // The derivative paths carry the very same value.
            var gradient = new double[c.Dimension];
            Assert.Equal(actual, energy.Gradient(c.Point, gradient));
        }, iter: 3000);

    [Fact]
    public void Gradient_MatchesFiniteDifferences_WhereTheFunctionIsSmooth() =>
        FixedSample(s_tameCases, c =>
        {
            var energy = EnergyExpression.Parse(c.Tree.Print(), c.Dimension);
            if (!double.IsFinite(energy.Evaluate(c.Point))) return;
            var gradient = new double[c.Dimension];
            energy.Gradient(c.Point, gradient);
            for (int j = 0; j < c.Dimension; j++)
                AssertMatchesSmoothDifference(p => energy.Evaluate(p), c.Point, j, gradient[j], $"∂{j}");
        }, iter: 1500);

    [Fact]
    public void Hessian_MatchesFiniteDifferencesOfTheGradient_WhereSmooth() =>
        FixedSample(s_tameCases, c =>
        {
            var energy = EnergyExpression.Parse(c.Tree.Print(), c.Dimension);
            if (!double.IsFinite(energy.Evaluate(c.Point))) return;
            int d = c.Dimension;
            var hessian = new double[d * d];
            energy.Hessian(c.Point, hessian);
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    Assert.True(hessian[i * d + j].Equals(hessian[j * d + i]), "Hessian not symmetric");
                    AssertMatchesSmoothDifference(p => FiniteDifferences.GradientAt(energy, p)[i], c.Point, j, hessian[i * d + j], $"H[{i},{j}]");
                }
            }
        }, iter: 600);

    /// <summary>
    /// Compares a derivative with central differences, but only where differences can be trusted: the
    /// central differences at steps h and h/4 agree, and the gap between forward and backward differences
    /// shrinks in proportion to the step (it is h f'' where f is smooth, but stays put across a kink such
    /// as a tie in min or max or abs at 0). Tolerances include the differences' own round-off, ε|f|/h,
    /// which dominates when f is huge compared with its change over the step. Wrong derivative rules are
    /// off by far more than the 1e-3 relative tolerance; the exact checks of each rule are elsewhere.
    /// </summary>
    private static void AssertMatchesSmoothDifference(Func<double[], double> f, double[] x, int j, double derivative, string what)
    {
        if (!double.IsFinite(derivative)) return;
        double step = 1e-5 * Math.Max(1, Math.Abs(x[j]));
        var (coarse, coarseGap) = Differences(f, x, j, step);
        var (fine, fineGap) = Differences(f, x, j, step / 4);
        if (!double.IsFinite(coarse) || !double.IsFinite(fine) || !double.IsFinite(coarseGap) || !double.IsFinite(fineGap)) return;
        double roundOff = 4 * 1.1e-16 * Math.Abs(f(x)) / (step / 4);
        double scale = Math.Max(1, Math.Abs(fine));
        if (Math.Abs(coarse - fine) > 1e-5 * scale + roundOff) return;
        if (Math.Abs(coarseGap - 4 * fineGap) > 0.25 * Math.Abs(coarseGap) + 1e-9 * scale + 8 * roundOff) return;
        Assert.True(Math.Abs(derivative - fine) <= 1e-3 * scale + roundOff, $"{what}: automatic {derivative}, finite differences {fine}");
    }

    /// <summary>The central difference and the forward-minus-backward gap at step h.</summary>
    private static (double Central, double Gap) Differences(Func<double[], double> f, double[] x, int j, double h)
    {
        double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
        plus[j] += h;
        minus[j] -= h;
        double fx = f(x), fPlus = f(plus), fMinus = f(minus);
        return ((fPlus - fMinus) / (plus[j] - minus[j]), (fPlus - fx) / (plus[j] - x[j]) - (fx - fMinus) / (x[j] - minus[j]));
    }


    private const string Alphabet = "x0123456789y.eE+-*/^(),[]  expsumlogqrtabcinhfmdp_$\t";

    private static readonly Gen<string> s_soup = Gen.Char[Alphabet].Array[0, 40].Select(chars => new string(chars));

    /// <summary>Valid expressions with one character deleted, replaced or inserted: near misses reach deep into the parser.</summary>
    private static readonly Gen<string> s_nearMisses = Gen.Select(s_trees[1], Gen.Int[0, 2], Gen.Int, Gen.Char[Alphabet], (tree, edit, where, c) =>
    {
        string text = tree.Print();
        int i = (int)((uint)where % (uint)(text.Length + 1));
        return edit switch
        {
            0 when i < text.Length => text.Remove(i, 1),
            1 when i < text.Length => text.Remove(i, 1).Insert(i, c.ToString()),
            _ => text.Insert(i, c.ToString()),
        };
    });

    [Fact]
    public void ArbitraryText_EitherCompilesOrThrowsExpressionParseException()
    {
        static void Attempt(string text)
        {
            for (int d = 1; d <= 2; d++)
            {
                BoltzDrift.Energies.Energy energy;
                try
                {
                    energy = EnergyExpression.Parse(text, d);
                }
                catch (ExpressionParseException error)
                {
                    Assert.InRange(error.Column, 1, text.Length + 1);
                    continue;
                }
                // Whatever compiles also evaluates without throwing.
                double[] x = [.. Enumerable.Range(0, d).Select(k => 0.3 + k)];
                energy.Evaluate(x);
                energy.Gradient(x, new double[d]);
                energy.Hessian(x, new double[d * d]);
            }
        }
        FixedSample(s_soup, Attempt, iter: 20_000);
        FixedSample(s_nearMisses, Attempt, iter: 5_000);
    }
}
