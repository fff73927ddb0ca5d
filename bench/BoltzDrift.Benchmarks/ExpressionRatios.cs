using System.Diagnostics;
using BoltzDrift.Energies;
using BoltzDrift.Energies.Expressions;
using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// Points/s of an expression energy's float32 batch path, point by point through the compiled tree (the path
/// before the column program) against the column program, alternating so both see the same load; and the
/// time to compile the column program of an expression expanded to near the node limit.
/// </summary>
public static class ExpressionRatios
{
    private static readonly (string Name, string Text, int Dimension)[] Cases =
    [
        ("banana", "x^2/(2*1.5^2) + (y - 0.5*(x^2 - 1.5^2))^2/(2*0.5^2)", 2),
        ("manywell32", "sum(i, 0, 15, x[2*i]^4 - 6*x[2*i]^2 - 0.5*x[2*i] + 0.5*x[2*i+1]^2)", 32),
        ("gmm2-d8", "-logsumexp(log(0.7) - sum(i, 0, 7, (x[i] - 1.0606601717798212)^2)/(2*0.25), "
            + "log(0.3) - sum(i, 0, 7, (x[i] + 1.0606601717798212)^2)/(2*0.25))", 8),
    ];

    public static void Run(TextWriter output, int points = 16 * 256, int rounds = 41)
    {
        output.WriteLine($"{points:N0} points a call (16 samples x 256 proposals), median of {rounds} alternating rounds");
        output.WriteLine($"{"energy",-12} {"tree points/s",14} {"columns points/s",17} {"speed-up",9}");
        foreach (var (name, text, d) in Cases)
        {
            ExpressionFunction function = EnergyExpression.ParseFunction(text, d);
            Energy columns = GenericEnergy.Create(function), tree = GenericEnergy.Create(new TreeOnly(function));
            var random = new Random(1);
            var x = new float[points * d];
            for (int k = 0; k < x.Length; k++) x[k] = (float)(random.NextDouble() * 6 - 3);
            var energies = new float[points];
            var treeTimes = new List<double>();
            var columnTimes = new List<double>();
            // Warm-up long enough for tiered compilation to reach optimised code (it waits 100 ms, then compiles in the background).
            for (var clock = Stopwatch.StartNew(); clock.Elapsed.TotalSeconds < 2;) { tree.Evaluate(x, energies); columns.Evaluate(x, energies); }
            for (int r = 0; r < rounds; r++)
            {
                treeTimes.Add(Time(() => tree.Evaluate(x, energies)));
                columnTimes.Add(Time(() => columns.Evaluate(x, energies)));
            }
            double a = points / Ratios.Median(treeTimes), b = points / Ratios.Median(columnTimes);
            output.WriteLine($"{name,-12} {a,14:E3} {b,17:E3} {b / a,8:F1}x");
        }

        const string large = "sum(j, 0, 2999, sum(k, 0, 7, (x[k] - j/3000)^2))";
        var root = new Binder(large, 8).Bind(Parser.Parse(large));
        var compile = new List<double>();
        ColumnProgram program = null!;
        for (int r = 0; r < 5; r++) compile.Add(Time(() => program = ColumnCompiler.Compile(root, 8)));
        output.WriteLine($"column program of {large}: {program.Length:N0} instructions, {program.Columns} columns, "
            + $"compiled in {Ratios.Median(compile) * 1000:F1} ms (median of 5)");
    }

    private static double Time(Action body)
    {
        long t0 = Stopwatch.GetTimestamp();
        body();
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    /// <summary>The expression without its batched path, so <see cref="GenericEnergy{TFunction}"/> walks the tree per point.</summary>
    private readonly struct TreeOnly(ExpressionFunction function) : IEnergyFunction
    {
        public int Dimension => function.Dimension;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T> => function.Evaluate(x);
    }
}
