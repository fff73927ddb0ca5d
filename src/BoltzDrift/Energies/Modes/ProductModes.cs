namespace BoltzDrift.Energies.Modes;

/// <summary>
/// The modes of a target made of independent factors (many-well pairs, the coordinates of mw5): a mode is
/// one mode per factor, numbered in mixed radix with factor 0 as the least significant digit, and its
/// weight is the product of the factor weights. <see cref="Factors"/> keeps the per-factor structure, which
/// is the informative part when the product has more modes than any sample set can populate (2^16 for
/// manywell32).
/// </summary>
public sealed class ProductModes : IModeStructure
{
    private readonly IModeStructure[] _factors;
    private readonly int[] _strides;

    /// <summary>Combines independent <paramref name="factors"/>; each assigns from the full point.</summary>
    /// <exception cref="ArgumentException">No factors, or more than <see cref="int.MaxValue"/> modes in all.</exception>
    public ProductModes(IEnumerable<IModeStructure> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        _factors = factors.ToArray();
        if (_factors.Length == 0) throw new ArgumentException("Need at least one factor.", nameof(factors));
        _strides = new int[_factors.Length];
        long count = 1;
        for (int f = 0; f < _factors.Length; f++)
        {
            _strides[f] = (int)count;
            count *= _factors[f].Count;
            if (count > int.MaxValue) throw new ArgumentException($"The product has more than {int.MaxValue} modes.", nameof(factors));
        }
        Count = (int)count;
    }

    /// <summary>The independent factors, least significant digit first.</summary>
    public IReadOnlyList<IModeStructure> Factors => _factors;

    /// <inheritdoc/>
    public int Count { get; }

    /// <summary>Π_f weight_f(digit_f(mode)).</summary>
    public double Weight(int mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mode);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(mode, Count);
        double weight = 1;
        for (int f = 0; f < _factors.Length; f++) weight *= _factors[f].Weight(mode / _strides[f] % _factors[f].Count);
        return weight;
    }

    /// <summary>Σ_f stride_f · mode_f(point).</summary>
    public int Assign(ReadOnlySpan<double> point)
    {
        int mode = 0;
        for (int f = 0; f < _factors.Length; f++) mode += _strides[f] * _factors[f].Assign(point);
        return mode;
    }
}
