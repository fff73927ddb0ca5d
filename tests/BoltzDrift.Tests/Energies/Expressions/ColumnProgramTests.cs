using BoltzDrift.Energies.Expressions;

namespace BoltzDrift.Tests.Energies.Expressions;

/// <summary>
/// The column program behind an expression's float32 batches against the scalar double path
/// (<c>Energy.Evaluate(ReadOnlySpan&lt;double&gt;)</c> at the float coordinates, rounded to float).
/// Batches of 1, 7, a chunk ± 1 and 5,000 points; coordinates are random with special values (NaN, ±∞,
/// ±0, huge and tiny numbers, negative bases) mixed in.
/// </summary>
public class ColumnProgramTests
{
    private static readonly int[] Sizes = [1, 7, ColumnProgram.ChunkSize - 1, ColumnProgram.ChunkSize, ColumnProgram.ChunkSize + 1, 5_000];

    private static readonly double[] Specials =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.0, -1.0, -2.5, 1e30, -1e30, 1e-30, 3e38, 1e-45];

    /// <summary>
    /// Expressions built only from steps the column program does exactly as the scalar path (+ - * /, negation,
    /// abs, sqrt, ^2, min, max, softplus, Math.Pow for non-whole, large or variable exponents), in every
    /// operand arrangement the compiler distinguishes (constant left or right, chains, folded constants).
    /// </summary>
    public static TheoryData<string, int> ExactExpressions => new()
    {
        { "x^2/(2*1.5^2) + (y - 0.5*(x^2 - 1.5^2))^2/(2*0.5^2)", 2 },
        { "x0", 1 },
        { "-x0", 1 },
        { "x0 + x1", 2 }, { "x0 - x1", 2 }, { "x0 * x1", 2 }, { "x0 / x1", 2 },
        { "x0 + 1.5", 1 }, { "1.5 + x0", 1 }, { "x0 - 1.5", 1 }, { "1.5 - x0", 1 },
        { "x0 * 3", 1 }, { "3 * x0", 1 }, { "x0 / 3", 1 }, { "3 / x0", 1 }, { "0 / x0", 1 },
        { "1 + 2 + x0 - 4 - x1 + 5", 2 }, { "2 * 3 / x0 * x1 / 7 * x0", 2 }, { "x0 - x1 - x2 + x0 - 1", 3 },
        { "abs(x0) - sqrt(x1) + sqrt(-x0)", 2 },
        { "x0^2 + (-x1)^2 + x0^1 + x0^0", 2 },
        { "x0^0.5 + x1^-1.5 + x0^2.5 + x0^17 + x1^-20 + x0^1e300", 2 },
        { "x0^x1 + 2^x0 + (-2)^x1 + x1^(x0 - 1)", 2 },
        { "min(x0, x1) + max(x0, x1) + min(x0, 0.5, x1, -1) + max(1, 2, x0) + max(x0) + min(-x1, 0)", 2 },
        { "max(0, x0) - min(x0, -0)", 1 },
        { "softplus(x0) + softplus(-x1) + softplus(x0 * 1e3)", 2 },
        { "sum(i, 0, 15, (x[2*i] - 1)^2 / (i + 1) - 0.5*x[2*i]*x[2*i+1] + abs(x[2*i+1]))", 32 },
        { "x0 - x0 + 3", 1 },
        { "sum(i, 0, 3, x0*(x1 - (x2 - (x0 - (x1 - i)))))", 3 },
        { "x2 * 4", 5 },
    };

    /// <summary>Expressions with the vectorised steps that may differ from Math.* by about an ulp in double.</summary>
    public static TheoryData<string, int> CloseExpressions => new()
    {
        { "exp(x0) + log(x1) + sin(x0) + cos(x1) + tanh(x0 - x1)", 2 },
        { "exp(-x0^2/2) * cos(3*x1) - log(1 + x0^2) * tanh(x1)", 2 },
        { "x0^3 + x0^4 - x1^-1 + x1^-2 + x0^-3 + x0^16 + x1^-16 + (-x0)^5", 2 },
        { "sum(i, 0, 15, x[2*i]^4 - 6*x[2*i]^2 - 0.5*x[2*i] + 0.5*x[2*i+1]^2)", 32 },
        { "-logsumexp(log(0.7) - sum(i, 0, 7, (x[i] - 1.0606601717798212)^2)/(2*0.25), log(0.3) - sum(i, 0, 7, (x[i] + 1.0606601717798212)^2)/(2*0.25))", 8 },
        { "-logsumexp(-((x-2)^2+(y-2)^2)/(2*0.5^2), -((x+2)^2+(y-2)^2)/(2*0.5^2), -((x+2)^2+(y+2)^2)/(2*0.5^2), -((x-2)^2+(y+2)^2)/(2*0.5^2))", 2 },
        { "logsumexp(x0) + logsumexp(0, x1) + logsumexp(x0, x1, 1000, -x0) + logsumexp(x0, x0 * 1e300)", 2 },
        { "exp(x0 * 100) + exp(-x1 * 1000)", 2 },
        { "sin(x0 * 1e6) + cos(x1 * 1e12) + sin(x0 * 1e300)", 2 },
    };

    [Theory]
    [MemberData(nameof(ExactExpressions))]
    public void Exact_steps_give_the_scalar_paths_float_to_the_bit(string text, int dimension)
    {
        var energy = EnergyExpression.Parse(text, dimension);
        foreach (int n in Sizes)
        {
            var (points, batched) = EvaluateBatch(energy, n, dimension, seed: n);
            for (int i = 0; i < n; i++)
            {
                float expected = (float)energy.Evaluate(Row(points, i, dimension));
                bool same = float.IsNaN(expected) ? float.IsNaN(batched[i]) : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(batched[i]);
                Assert.True(same, $"{text}, batch {n}, point {i} ({string.Join(", ", Row(points, i, dimension))}): scalar {expected:R}, batched {batched[i]:R}");
            }
        }
    }

    /// <summary>
    /// Within one float ulp of the scalar result plus 1e-11. The double results differ by at most a few ulps
    /// of the largest intermediate (exp/log/sin/cos/tanh within ~1 ulp of Math.*, x^n by squaring within
    /// ~n/2 ulps of Math.Pow); rounding to float turns that into at most one float ulp of the result, or, where
    /// terms cancel, into an absolute error of a few ulps of the terms: with terms below ~1e3 here (coordinates
    /// in ±3 but for the special values), that is below 1e-11. Non-finite results must match exactly.
    /// </summary>
    [Theory]
    [MemberData(nameof(CloseExpressions))]
    public void Vectorised_functions_stay_within_a_float_ulp_of_the_scalar_path(string text, int dimension)
    {
        var energy = EnergyExpression.Parse(text, dimension);
        foreach (int n in Sizes)
        {
            var (points, batched) = EvaluateBatch(energy, n, dimension, seed: 1000 + n);
            for (int i = 0; i < n; i++)
                AssertClose(energy.Evaluate(Row(points, i, dimension)), batched[i], $"{text}, batch {n}, point {i} ({string.Join(", ", Row(points, i, dimension))})");
        }
    }

    /// <summary>Each vectorised function and whole power alone, on special and extreme arguments.</summary>
    [Theory]
    [InlineData("exp(x0)")]
    [InlineData("log(x0)")]
    [InlineData("sin(x0)")]
    [InlineData("cos(x0)")]
    [InlineData("tanh(x0)")]
    [InlineData("x0^3")]
    [InlineData("x0^4")]
    [InlineData("x0^-1")]
    [InlineData("x0^-2")]
    [InlineData("x0^-3")]
    [InlineData("x0^16")]
    [InlineData("x0^-16")]
    [InlineData("logsumexp(x0, 0)")]
    [InlineData("logsumexp(x0, -x0, 2*x0)")]
    public void Vectorised_steps_handle_special_and_extreme_arguments(string text)
    {
        double[] arguments =
        [
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1, -1, 2, -2, 0.5, -0.5, 1e-300, -1e-300,
            1e300, -1e300, 700, 709.7, 710, -708, -745, -746, 20, -20, 1e5, 1e10, 1e22, -1e22, 3.0e38, 1e-38, 1e-45,
            Math.PI, -Math.PI / 2, 1e80, 3e-78, -1e-80,
        ];
        var energy = EnergyExpression.Parse(text, 1);
        var points = new float[arguments.Length];
        for (int i = 0; i < arguments.Length; i++) points[i] = (float)arguments[i];
        var batched = new float[points.Length];
        energy.Evaluate(points, batched);
        for (int i = 0; i < points.Length; i++)
            AssertClose(energy.Evaluate([(double)points[i]]), batched[i], $"{text} at x0 = {points[i]:R}");
    }

    [Fact]
    public void Two_threads_evaluating_one_fresh_energy_get_the_single_threaded_results()
    {
        const string text = "-logsumexp(-sum(i, 0, 7, (x[i] - 1)^2), -sum(i, 0, 7, (x[i] + 1)^4)) + softplus(x0 * x7)";
        var (points, serial) = EvaluateBatch(EnergyExpression.Parse(text, 8), 5_000, 8, seed: 7);
        // A new energy, so that the column program is first compiled while both threads race for it.
        var energy = EnergyExpression.Parse(text, 8);
        var results = new float[2][];
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            var energies = new float[serial.Length];
            for (int repeat = 0; repeat < 20; repeat++) energy.Evaluate(points, energies);
            results[t] = energies;
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        foreach (var result in results) Assert.Equal(serial, result);
    }

    [Fact]
    public void A_sum_expanded_to_the_node_limit_accumulates_in_a_few_columns_and_matches_the_scalar_path()
    {
        // 24,000 terms of ~10 bound nodes each, index arithmetic included: close to the 250,000 limit.
        const string body = "sum(j, 0, 2999, sum(k, 0, 7, (x[k] - j/3000)^2))";
        var root = new Binder(body, 8).Bind(Parser.Parse(body));
        var program = ColumnCompiler.Compile(root, 8);
        Assert.True(program.Columns <= 8 + 3, $"{program.Columns} columns");
        Assert.True(program.Length >= 24_000, $"{program.Length} instructions");
        var energy = EnergyExpression.Parse(body, 8);
        var (points, _) = EvaluateBatch(energy, 300, 8, seed: 3, specials: false);
        var batched = new float[300];
        program.Evaluate(points, 8, batched);
        // Only exact steps, accumulated in the scalar path's order: the same bits.
        for (int i = 0; i < batched.Length; i++) Assert.Equal((float)energy.Evaluate(Row(points, i, 8)), batched[i]);
    }

    private static void AssertClose(double scalar, float batched, string what)
    {
        float expected = (float)scalar;
        if (!float.IsFinite(expected) || !float.IsFinite(batched))
        {
            Assert.True(expected.Equals(batched), $"{what}: scalar {expected:R}, batched {batched:R}");
            return;
        }
        double tolerance = MathF.BitIncrement(MathF.Abs(expected)) - (double)MathF.Abs(expected) + 1e-11;
        Assert.True(Math.Abs(expected - (double)batched) <= tolerance, $"{what}: scalar {expected:R}, batched {batched:R}, tolerance {tolerance:g3}");
    }

    private static double[] Row(float[] points, int i, int d) => [.. points.AsSpan(i * d, d).ToArray().Select(v => (double)v)];

    /// <summary>Random coordinates in ±3 with, unless turned off, one in eight a special value; and their batched energies.</summary>
    private static (float[] Points, float[] Energies) EvaluateBatch(BoltzDrift.Energies.Energy energy, int n, int d, int seed, bool specials = true)
    {
        var random = new Random(seed);
        var points = new float[n * d];
        for (int k = 0; k < points.Length; k++)
            points[k] = specials && random.Next(8) == 0 ? (float)Specials[random.Next(Specials.Length)] : (float)(random.NextDouble() * 6 - 3);
        var energies = new float[n];
        energy.Evaluate(points, energies);
        return (points, energies);
    }
}
