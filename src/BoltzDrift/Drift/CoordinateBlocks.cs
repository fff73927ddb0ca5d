namespace BoltzDrift.Drift;

/// <summary>
/// A partition of the coordinates 0..d-1 into blocks that do not interact in the energy, E(x) = Σ_b E_b(x_b)
/// (found by the pilot from the Hessian's sparsity, or given with --blocks). The target then factorises,
/// p = Π_b p_b, and so does its smoothed density at every bandwidth.
/// </summary>
public static class CoordinateBlocks
{
    /// <summary>Throws an <see cref="ArgumentException"/> unless <paramref name="blocks"/> splits 0..<paramref name="dimension"/>-1 into non-empty, disjoint blocks.</summary>
    public static void Check(IReadOnlyList<int[]> blocks, int dimension)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var seen = new bool[dimension];
        foreach (var block in blocks)
        {
            if (block is null || block.Length == 0) throw new ArgumentException("Every coordinate block needs at least one coordinate.");
            foreach (int k in block)
            {
                if (k < 0 || k >= dimension) throw new ArgumentException($"Coordinate block entry {k} is not a coordinate of 0..{dimension - 1}.");
                if (seen[k]) throw new ArgumentException($"Coordinate {k} is in more than one block.");
                seen[k] = true;
            }
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0) throw new ArgumentException($"Coordinate {missing} is in no block: the blocks must cover 0..{dimension - 1}.");
    }

    /// <summary>Copies the <paramref name="block"/> columns of the row-major n × d <paramref name="points"/> into <paramref name="destination"/> (n × |block|).</summary>
    public static void Gather(ReadOnlySpan<float> points, int dimension, int[] block, Span<float> destination)
    {
        int n = points.Length / dimension, width = block.Length;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < width; j++) destination[i * width + j] = points[i * dimension + block[j]];
    }

    /// <summary>Writes the n × |block| <paramref name="source"/> into the <paramref name="block"/> columns of the row-major n × d <paramref name="points"/>.</summary>
    public static void Scatter(ReadOnlySpan<float> source, int[] block, Span<float> points, int dimension)
    {
        int n = points.Length / dimension, width = block.Length;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < width; j++) points[i * dimension + block[j]] = source[i * width + j];
    }
}
