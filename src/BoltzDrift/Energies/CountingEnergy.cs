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
/// </summary>
public sealed class CountingEnergy : Energy
{
    private long _energy, _gradient, _hessian;

    /// <summary>Counts the calls made to <paramref name="inner"/> through this wrapper.</summary>
    public CountingEnergy(Energy inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The wrapped energy.</summary>
    public Energy Inner { get; }

    /// <summary>A snapshot of the counters.</summary>
    public EvaluationCounts Counts =>
        new(Interlocked.Read(ref _energy), Interlocked.Read(ref _gradient), Interlocked.Read(ref _hessian));

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _energy, 0);
        Interlocked.Exchange(ref _gradient, 0);
        Interlocked.Exchange(ref _hessian, 0);
    }

    /// <inheritdoc/>
    public override int Dimension => Inner.Dimension;

    /// <inheritdoc/>
    public override bool HasGradient => Inner.HasGradient;

    /// <inheritdoc/>
    public override bool HasHessian => Inner.HasHessian;

    /// <summary>Counts one energy evaluation.</summary>
    public override double Evaluate(ReadOnlySpan<double> point)
    {
        Interlocked.Increment(ref _energy);
        return Inner.Evaluate(point);
    }

    /// <summary>Counts one energy evaluation per point.</summary>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        Interlocked.Add(ref _energy, energies.Length);
        Inner.Evaluate(points, energies);
    }

    /// <summary>Counts one gradient evaluation (and no energy evaluation).</summary>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        Interlocked.Increment(ref _gradient);
        return Inner.Gradient(point, gradient);
    }

    /// <summary>Counts one Hessian evaluation.</summary>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian)
    {
        Interlocked.Increment(ref _hessian);
        Inner.Hessian(point, hessian);
    }
}
