namespace BoltzDrift.Energies.Modes;

/// <summary>
/// Modes of a radially symmetric target made of concentric shells: mode k is the annulus
/// boundary_{k-1} &lt; |x| ≤ boundary_k (boundary_{-1} = 0, boundary_K-1 = ∞).
/// </summary>
public sealed class ShellModes : IModeStructure
{
    private readonly double[] _boundaries;
    private readonly double[] _weights;

    /// <summary>Shells split at the increasing radii <paramref name="boundaries"/> (K - 1 of them), with their exact masses.</summary>
    public ShellModes(double[] boundaries, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != boundaries.Length + 1)
            throw new ArgumentException($"{boundaries.Length} boundaries make {boundaries.Length + 1} shells, but {weights.Length} weights were given.", nameof(weights));
        for (int k = 1; k < boundaries.Length; k++)
            if (!(boundaries[k] > boundaries[k - 1])) throw new ArgumentException("Boundaries must increase.", nameof(boundaries));
        _boundaries = (double[])boundaries.Clone();
        _weights = (double[])weights.Clone();
    }

    /// <summary>The radii between consecutive shells.</summary>
    public IReadOnlyList<double> Boundaries => _boundaries;

    /// <inheritdoc/>
    public int Count => _weights.Length;

    /// <inheritdoc/>
    public double Weight(int mode) => _weights[mode];

    /// <inheritdoc/>
    public int Assign(ReadOnlySpan<double> point)
    {
        double squared = 0;
        foreach (double x in point) squared += x * x;
        double radius = Math.Sqrt(squared);
        int mode = 0;
        while (mode < _boundaries.Length && radius > _boundaries[mode]) mode++;
        return mode;
    }
}
