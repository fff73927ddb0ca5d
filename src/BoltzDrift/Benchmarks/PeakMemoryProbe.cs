namespace BoltzDrift.Benchmarks;

/// <summary>
/// Measures the peak managed-heap growth of a piece of work: after a full collection it notes the heap size
/// (<see cref="GC.GetTotalMemory"/>), then polls it on a timer until disposed. The peak is the largest size
/// seen minus the starting size: the memory the work held at its busiest, to within the polling interval
/// (native memory and short-lived garbage collected between polls are not seen).
/// </summary>
public sealed class PeakMemoryProbe : IDisposable
{
    private readonly long _baseline;
    private readonly Timer _timer;
    private long _peak;

    /// <summary>Starts measuring.</summary>
    /// <param name="pollMilliseconds">Polling interval.</param>
    public PeakMemoryProbe(int pollMilliseconds = 10)
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peak = _baseline;
        _timer = new Timer(_ => Poll(), null, 0, pollMilliseconds);
    }

    /// <summary>The largest heap growth seen so far, in bytes (polls once more first).</summary>
    public long PeakBytes
    {
        get
        {
            Poll();
            return Math.Max(0, Interlocked.Read(ref _peak) - _baseline);
        }
    }

    /// <summary>Stops polling.</summary>
    public void Dispose() => _timer.Dispose();

    private void Poll()
    {
        long now = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        do seen = Interlocked.Read(ref _peak);
        while (now > seen && Interlocked.CompareExchange(ref _peak, now, seen) != seen);
    }
}
