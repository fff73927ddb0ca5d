using BenchmarkDotNet.Running;
using BoltzDrift.Benchmarks;

// dotnet run -c Release --project bench/BoltzDrift.Benchmarks -- [BenchmarkDotNet arguments, e.g. --filter '*Gemm*']
// dotnet run -c Release --project bench/BoltzDrift.Benchmarks -- ratios [threads]   (quick interleaved comparison)
// dotnet run -c Release --project bench/BoltzDrift.Benchmarks -- expressions        (expression energies: tree vs columns)
if (args.Length > 0 && args[0] == "expressions")
{
    ExpressionRatios.Run(Console.Out);
    return 0;
}
if (!OpenBlas.IsAvailable)
{
    Console.Error.WriteLine("libopenblas.so.0 not found: install it (Debian/Ubuntu: apt-get install -y libopenblas0).");
    return 2;
}
if (args.Length > 0 && args[0] == "ratios")
{
    Ratios.Run(Console.Out, args.Length > 1 ? int.Parse(args[1]) : Environment.ProcessorCount);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args);
return 0;
