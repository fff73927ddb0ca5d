using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Baselines;

/// <summary>
/// The current points of many Markov chains, with what their kernels cache about each: the energy, the
/// gradient (for gradient-based kernels) and the chain's own random stream. Chain c occupies
/// <c>[c * Dimension, (c + 1) * Dimension)</c> of <see cref="Positions"/> and <see cref="Gradients"/>.
/// Kernels advance one chain at a time and touch only that chain's entries, so chains can move in parallel.
/// </summary>
public sealed class ChainState
{
    private readonly Rng[] _random;

    private ChainState(int dimension, double[] positions, double[] energies, double[]? gradients, Rng[] random)
    {
        Dimension = dimension;
        Positions = positions;
        Energies = energies;
        Gradients = gradients;
        _random = random;
    }

    /// <summary>Number of chains.</summary>
    public int Count => Energies.Length;

    /// <summary>Dimension d of each point.</summary>
    public int Dimension { get; }

    /// <summary>Current points, chain after chain (Count × d).</summary>
    public double[] Positions { get; }

    /// <summary>E at each chain's current point.</summary>
    public double[] Energies { get; }

    /// <summary>grad E at each chain's current point (Count × d), or null for gradient-free kernels.</summary>
    public double[]? Gradients { get; }

    /// <summary>The current point of <paramref name="chain"/>.</summary>
    public Span<double> Position(int chain) => Positions.AsSpan(chain * Dimension, Dimension);

    /// <summary>The gradient cached for <paramref name="chain"/>.</summary>
    /// <exception cref="InvalidOperationException">The state was created without gradients.</exception>
    public Span<double> Gradient(int chain) =>
        (Gradients ?? throw new InvalidOperationException("This chain state holds no gradients."))
        .AsSpan(chain * Dimension, Dimension);

    /// <summary>The random stream of <paramref name="chain"/>, advanced in place.</summary>
    public ref Rng Random(int chain) => ref _random[chain];

    /// <summary>
    /// Starts chains at <paramref name="positions"/> (Count × d, copied), evaluating the energy (and gradient
    /// if <paramref name="withGradients"/>) at each, and forking one random stream per chain from <paramref name="rng"/>.
    /// </summary>
    public static ChainState Create(Energy energy, ReadOnlySpan<double> positions, bool withGradients, ref Rng rng)
    {
        ArgumentNullException.ThrowIfNull(energy);
        int d = energy.Dimension;
        if (positions.Length == 0 || positions.Length % d != 0)
            throw new ArgumentException($"{positions.Length} values are not a positive whole number of points of dimension {d}.", nameof(positions));
        if (withGradients && !energy.HasGradient)
            throw new ArgumentException($"{energy.GetType().Name} provides no gradient, which this kernel needs.", nameof(energy));
        int count = positions.Length / d;
        var values = positions.ToArray();
        var energies = new double[count];
        var gradients = withGradients ? new double[count * d] : null;
        var random = new Rng[count];
        for (int c = 0; c < count; c++)
        {
            var point = values.AsSpan(c * d, d);
            energies[c] = gradients is null ? energy.Evaluate(point) : energy.Gradient(point, gradients.AsSpan(c * d, d));
            random[c] = rng.Fork((ulong)c);
        }
        return new ChainState(d, values, energies, gradients, random);
    }

    /// <summary>Moves <paramref name="chain"/> to a point with its energy and (if this state keeps them) gradient.</summary>
    internal void MoveTo(int chain, ReadOnlySpan<double> position, double energy, ReadOnlySpan<double> gradient)
    {
        position.CopyTo(Position(chain));
        Energies[chain] = energy;
        if (Gradients is not null) gradient.CopyTo(Gradient(chain));
    }

    /// <summary>Exchanges the points (with energies and gradients) of two chains; their random streams stay put.</summary>
    public void Swap(int a, int b)
    {
        Exchange(Position(a), Position(b));
        (Energies[a], Energies[b]) = (Energies[b], Energies[a]);
        if (Gradients is not null) Exchange(Gradient(a), Gradient(b));
    }

    private static void Exchange(Span<double> x, Span<double> y)
    {
        for (int k = 0; k < x.Length; k++) (x[k], y[k]) = (y[k], x[k]);
    }
}
