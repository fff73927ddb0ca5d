namespace BoltzDrift.Energies;

/// <summary>
/// How many times an energy was called: energy values (one per point, also in batched calls),
/// gradients and Hessians. A gradient call returns the energy too but counts as a gradient only.
/// </summary>
/// <param name="Energy">Points whose energy alone was evaluated.</param>
/// <param name="Gradient">Gradient evaluations (each also yields the energy).</param>
/// <param name="Hessian">Hessian evaluations.</param>
public readonly record struct EvaluationCounts(long Energy, long Gradient, long Hessian)
{
    /// <summary>The calls made between two snapshots: <paramref name="later"/> minus <paramref name="earlier"/>.</summary>
    public static EvaluationCounts operator -(EvaluationCounts later, EvaluationCounts earlier) =>
        new(later.Energy - earlier.Energy, later.Gradient - earlier.Gradient, later.Hessian - earlier.Hessian);
}

/// <summary>
/// Wraps an energy and counts exactly, and thread-safely, the evaluations made through it; everything
/// else is delegated unchanged. Used to report the cost of samplers in energy and gradient calls.
/// Evaluations of a <see cref="Energy.BlockEnergy"/> obtained through it count here too, one per point like a full
/// evaluation (though one costs only about that block's share of the terms).
/// </summary>
public sealed class CountingEnergy : Energy
{
    private readonly Counters _counts;

    /// <summary>Counts the calls made to <paramref name="inner"/> through this wrapper.</summary>
    public CountingEnergy(Energy inner) : this(inner, new Counters())
    {
    }

    private CountingEnergy(Energy inner, Counters counts)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
        _counts = counts;
    }

    /// <summary>The counters, shared with the block energies handed out.</summary>
    private sealed class Counters
    {
        public long Energy, Gradient, Hessian;
    }

    /// <summary>The wrapped energy.</summary>
    public Energy Inner { get; }

    /// <summary>A snapshot of the counters.</summary>
    public EvaluationCounts Counts =>
        new(Interlocked.Read(ref _counts.Energy), Interlocked.Read(ref _counts.Gradient), Interlocked.Read(ref _counts.Hessian));

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _counts.Energy, 0);
        Interlocked.Exchange(ref _counts.Gradient, 0);
        Interlocked.Exchange(ref _counts.Hessian, 0);
    }

    /// <inheritdoc/>
    public override int Dimension => Inner.Dimension;

    /// <inheritdoc/>
    public override bool HasGradient => Inner.HasGradient;

    /// <inheritdoc/>
    public override bool HasHessian => Inner.HasHessian;

    /// <summary>The inner energy's block energy, counted into the same counters.</summary>
    protected override Energy? BlockEnergyCore(IReadOnlyList<int> block) =>
        Inner.BlockEnergy(block) is { } part ? new CountingEnergy(part, _counts) : null;

    /// <summary>Counts one energy evaluation.</summary>
    public override double Evaluate(ReadOnlySpan<double> point)
    {
        Interlocked.Increment(ref _counts.Energy);
        return Inner.Evaluate(point);
    }

    /// <summary>Counts one energy evaluation per point.</summary>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        Interlocked.Add(ref _counts.Energy, energies.Length);
        Inner.Evaluate(points, energies);
    }

    /// <summary>Counts one gradient evaluation (and no energy evaluation).</summary>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        Interlocked.Increment(ref _counts.Gradient);
        return Inner.Gradient(point, gradient);
    }

    /// <summary>Counts one Hessian evaluation.</summary>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian)
    {
        Interlocked.Increment(ref _counts.Hessian);
        Inner.Hessian(point, hessian);
    }
}
