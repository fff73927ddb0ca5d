using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace BoltzDrift.Benchmarks;

/// <summary>A parameter that knows how many floating-point operations one call performs.</summary>
public interface IFlopCount
{
    double Flops { get; }
}

/// <summary>
/// Short iterations (the kernels take well under a millisecond), medians, and for products their GFLOP/s next to
/// the machine's measured peak for the same thread count (<see cref="PeakFlops"/>). Benchmarks run in the host
/// process: no project is generated and rebuilt per run, which on a loaded 2-core machine can take minutes.
/// </summary>
public sealed class KernelConfig : ManualConfig
{
    public KernelConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Median, new GflopsColumn(ofPeak: false), new GflopsColumn(ofPeak: true));
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
    }
}

/// <summary>GFLOP/s from the median time, or that as a share of the measured peak.</summary>
public sealed class GflopsColumn(bool ofPeak) : IColumn
{
    private static readonly Dictionary<int, double> s_peak = [];

    public string Id => ofPeak ? "PercentOfPeak" : "Gflops";
    public string ColumnName => ofPeak ? "% of peak" : "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => ofPeak ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => ofPeak
        ? "GFLOP/s over the FP32 peak measured on this machine with the same number of threads"
        : "floating-point operations per second (2 per multiply-add) at the median time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var flops = benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<IFlopCount>().FirstOrDefault();
        if (flops is null || summary[benchmarkCase]?.ResultStatistics is not { } statistics) return "-";
        double gflops = flops.Flops / statistics.Median;  // flops per nanosecond = GFLOP/s
        if (!ofPeak) return gflops.ToString("F1");
        int threads = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Threads")?.Value as int? ?? 1;
        double peak;
        lock (s_peak)
            if (!s_peak.TryGetValue(threads, out peak)) s_peak[threads] = peak = PeakFlops.Measure(threads);
        return $"{gflops / peak:P0} of {peak:F0}";
    }
}
