using System.Diagnostics;
using BoltzDrift.Benchmarks;

namespace BoltzDrift.Cli;

/// <summary>
/// Prints benchmark progress as plain lines with the elapsed time: the start and end of every run, and
/// in between at most one line every few seconds.
/// </summary>
internal sealed class BenchProgressPrinter(bool quiet) : IProgress<BenchmarkProgress>
{
    private static readonly TimeSpan RunningInterval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastPrint = TimeSpan.Zero;

    public void Report(BenchmarkProgress value)
    {
        if (quiet) return;
        var now = _clock.Elapsed;
        if (value.Phase == BenchmarkPhase.Running && now - _lastPrint < RunningInterval) return;
        _lastPrint = now;
        Console.WriteLine($"[{now:mm\\:ss}] {value}");
    }
}
