namespace BoltzDrift.Drift;

/// <summary>
/// The kernel bandwidths s used at each training step. Each bandwidth starts at its
/// <see cref="Start"/> value and anneals exponentially, s(t) = max(floor, s0 · exp(-rate · t)),
/// down to its floor (a rate of 0 keeps it constant). Several bandwidths are summed terms of the drift:
/// a large one moves mass between far-apart modes, a small one resolves their shape (docs/method.md §5).
/// </summary>
public sealed record BandwidthSchedule
{
    public BandwidthSchedule(IReadOnlyList<double> start, double decayRate = 0, IReadOnlyList<double>? floor = null)
    {
        if (start.Count == 0) throw new ArgumentException("At least one bandwidth is needed.");
        foreach (var s in start)
            if (!(s > 0) || double.IsInfinity(s)) throw new ArgumentException($"Bandwidths must be positive and finite, got {s}.");
        if (!(decayRate >= 0)) throw new ArgumentException($"Bandwidth decay rate must be non-negative, got {decayRate}.");
        floor ??= start;
        if (floor.Count != start.Count) throw new ArgumentException($"{start.Count} bandwidths but {floor.Count} floors.");
        for (int i = 0; i < floor.Count; i++)
            if (!(floor[i] > 0) || floor[i] > start[i]) throw new ArgumentException($"Bandwidth floor {floor[i]} must be positive and at most its start value {start[i]}.");
        Start = start.ToArray();
        Floor = floor.ToArray();
        DecayRate = decayRate;
    }

    /// <summary>A single constant bandwidth.</summary>
    public static BandwidthSchedule Constant(params double[] bandwidths) => new(bandwidths);

    /// <summary>Initial bandwidths.</summary>
    public IReadOnlyList<double> Start { get; }

    /// <summary>Lowest values the bandwidths anneal to.</summary>
    public IReadOnlyList<double> Floor { get; }

    /// <summary>Exponential decay rate per step.</summary>
    public double DecayRate { get; }

    /// <summary>Number of summed bandwidth terms.</summary>
    public int Count => Start.Count;

    /// <summary>Bandwidth <paramref name="k"/> at step <paramref name="step"/>.</summary>
    public double At(int k, long step) => Math.Max(Floor[k], Start[k] * Math.Exp(-DecayRate * step));
}
