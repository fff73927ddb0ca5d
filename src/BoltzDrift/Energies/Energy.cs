namespace BoltzDrift.Energies;

/// <summary>
/// An energy E(x) on R^d defining the Boltzmann density p(x) ∝ exp(-E(x)).
/// Points are stored row-major: point i occupies <c>[i * Dimension, (i + 1) * Dimension)</c>.
/// An energy may return NaN or +∞ (outside its support, or where it overflows); callers handle that.
/// </summary>
public abstract class Energy
{
    /// <summary>Dimension d of the space.</summary>
    public abstract int Dimension { get; }

    /// <summary>Energy of one point, in double precision (metrics, tests, reference computations).</summary>
    public abstract double Evaluate(ReadOnlySpan<double> point);

    /// <summary>
    /// Energies of <c>energies.Length</c> points in float32: the training hot path. Override with a
    /// vectorised kernel where it pays; the default converts each point and calls the double overload.
    /// </summary>
    public virtual void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        int d = Dimension;
        Span<double> p = d <= 256 ? stackalloc double[d] : new double[d];
        for (int i = 0; i < energies.Length; i++)
        {
            var row = points.Slice(i * d, d);
            for (int k = 0; k < d; k++) p[k] = row[k];
            energies[i] = (float)Evaluate(p);
        }
    }

    /// <summary>Whether <see cref="Gradient"/> is available.</summary>
    public virtual bool HasGradient => false;

    /// <summary>Whether <see cref="Hessian"/> is available.</summary>
    public virtual bool HasHessian => false;

    /// <summary>Writes grad E(x) into <paramref name="gradient"/> and returns E(x).</summary>
    public virtual double Gradient(ReadOnlySpan<double> point, Span<double> gradient) =>
        throw new NotSupportedException($"{GetType().Name} provides energies only, not gradients.");

    /// <summary>Writes the Hessian of E at x, d×d row-major, into <paramref name="hessian"/>.</summary>
    public virtual void Hessian(ReadOnlySpan<double> point, Span<double> hessian) =>
        throw new NotSupportedException($"{GetType().Name} provides no Hessian.");

    /// <summary>
    /// The part of the energy that involves the coordinates in <paramref name="block"/>, as an energy on R^|block|
    /// (its coordinate j is coordinate block[j] here), when the energy is known to split as
    /// E(x) = E_block(x_block) + R(x without the block); null when it does not or cannot say. Importance sampling
    /// that moves only the block's coordinates then needs E_block alone, since R is the same for every proposal
    /// (docs/method.md §10). E_block may differ from the block's terms by a constant.
    /// </summary>
    /// <exception cref="ArgumentException">The block is empty, or lists a coordinate twice or one outside 0..d-1.</exception>
    public Energy? BlockEnergy(IReadOnlyList<int> block)
    {
        CheckBlock(block);
        return BlockEnergyCore(block);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> unless <paramref name="block"/> lists distinct coordinates of 0..d-1, at least one.</summary>
    public void CheckBlock(IReadOnlyList<int> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var seen = new HashSet<int>();
        if (block.Count == 0 || block.Any(k => k < 0 || k >= Dimension || !seen.Add(k)))
            throw new ArgumentException($"A block must list distinct coordinates of 0..{Dimension - 1}, got [{string.Join(", ", block)}].", nameof(block));
    }

    /// <summary><see cref="BlockEnergy"/> for a checked block; null (not known to separate) unless overridden.</summary>
    protected virtual Energy? BlockEnergyCore(IReadOnlyList<int> block) => null;

    /// <summary>Checks that a buffer of points has a whole number of rows of this dimension.</summary>
    protected void CheckShape(int pointValues, int count)
    {
        if (pointValues != count * Dimension)
            throw new ArgumentException($"Expected {count} points of dimension {Dimension} ({count * Dimension} values), got {pointValues} values.");
    }
}
