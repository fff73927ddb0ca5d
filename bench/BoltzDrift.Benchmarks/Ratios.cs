using System.Diagnostics;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// A quick, load-robust comparison for a shared machine: managed and OpenBLAS calls alternate, so both see the
/// same background load, and each shape reports medians and their ratio. (BenchmarkDotNet measures one after the
/// other, which on a busy machine can put them under different loads.)
/// </summary>
public static class Ratios
{
    public static void Run(TextWriter output, int threads, int rounds = 41)
    {
        double peak = PeakFlops.Measure(threads);
        output.WriteLine($"{threads} thread(s), {PeakFlops.VectorBits}-bit FMA, measured peak {peak:F0} GFLOP/s; OpenBLAS core {OpenBlas.Core}");
        output.WriteLine($"{"product",-22} {"managed GFLOP/s",16} {"OpenBLAS GFLOP/s",17} {"managed/OpenBLAS",17} {"managed % peak",14}");
        foreach (var shape in GemmShape.Training())
        {
            var operands = new GemmOperands(shape, threads);
            var managed = new List<double>();
            var blas = new List<double>();
            for (int i = 0; i < 5; i++) { operands.Managed(); operands.OpenBlasSgemm(); }  // warm-up
            for (int r = 0; r < rounds; r++)
            {
                managed.Add(Time(operands.Managed));
                blas.Add(Time(operands.OpenBlasSgemm));
            }
            double gm = shape.Flops / Median(managed) / 1e9, gb = shape.Flops / Median(blas) / 1e9;
            output.WriteLine($"{shape,-22} {gm,16:F1} {gb,17:F1} {gm / gb,17:P0} {gm / peak,14:P0}");
        }
    }

    private static double Time(Action body)
    {
        long t0 = Stopwatch.GetTimestamp();
        body();
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        int h = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
    }
}
