namespace BoltzDrift.Energies.Modes;

/// <summary>
/// Two modes split by the sign of one coordinate: mode 0 is x_c ≤ 0, mode 1 is x_c &gt; 0. The building block
/// of separable multi-well targets (one factor per well pair or per coordinate of a
/// <see cref="ProductModes"/>).
/// </summary>
public sealed class SignModes : IModeStructure
{
    /// <summary>Splits on coordinate <paramref name="coordinate"/>, whose positive side has probability <paramref name="positiveWeight"/>.</summary>
    public SignModes(int coordinate, double positiveWeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(coordinate);
        if (!(positiveWeight is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(positiveWeight), positiveWeight, "A probability must lie in [0, 1].");
        Coordinate = coordinate;
        PositiveWeight = positiveWeight;
    }

    /// <summary>The coordinate whose sign decides the mode.</summary>
    public int Coordinate { get; }

    /// <summary>P(x_c &gt; 0), the weight of mode 1.</summary>
    public double PositiveWeight { get; }

    /// <inheritdoc/>
    public int Count => 2;

    /// <inheritdoc/>
    public double Weight(int mode) => mode switch
    {
        0 => 1 - PositiveWeight,
        1 => PositiveWeight,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Sign modes are 0 (x ≤ 0) and 1 (x > 0)."),
    };

    /// <inheritdoc/>
    public int Assign(ReadOnlySpan<double> point) => point[Coordinate] > 0 ? 1 : 0;
}
