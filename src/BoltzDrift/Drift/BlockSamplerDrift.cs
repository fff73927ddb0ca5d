namespace BoltzDrift.Drift;

/// <summary>
/// The sampler side for a separable energy (docs/method.md §10): block by block, the Gaussian mean shift of
/// <see cref="SamplerDrift"/> with a kernel on that block's coordinates only, i.e. s² ∇log q_{b,s} of the batch's
/// block marginal. A batch that cannot resolve a fine bandwidth in all d dimensions at once resolves it easily in
/// each low-dimensional block. Paired with <see cref="BlockImportanceSamplingDrift"/>, every block's marginal is
/// matched to the target's; <see cref="DriftField"/>'s joint term ties the blocks together.
/// </summary>
public sealed class BlockSamplerDrift : ISamplerDrift
{
    private readonly int[][] _blocks;
    private readonly SamplerDrift _kernel;
    private float[] _points = [], _extra = [], _blockPoints = [], _blockExtra = [], _blockDrifts = [];
    private int _n, _m, _d;

    /// <param name="blocks">The coordinate blocks (<see cref="CoordinateBlocks"/>).</param>
    /// <param name="kernel">The mean shift applied within each block.</param>
    public BlockSamplerDrift(IReadOnlyList<int[]> blocks, SamplerDrift kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        _blocks = blocks.Select(b => (int[])b.Clone()).ToArray();
        _kernel = kernel;
    }

    /// <summary>Keeps the batch and the extra samples; returns the largest over blocks of the median nearest-neighbour distance within a block.</summary>
    public double Measure(ReadOnlySpan<float> points, int dimension, ReadOnlySpan<float> extra = default)
    {
        CoordinateBlocks.Check(_blocks, dimension);
        _d = dimension;
        _n = points.Length / dimension;
        _m = extra.Length / dimension;
        if (_points.Length < points.Length) _points = new float[points.Length];
        if (_extra.Length < extra.Length) _extra = new float[extra.Length];
        points.CopyTo(_points);
        extra.CopyTo(_extra);
        double nearest = 0;
        foreach (var block in _blocks) nearest = Math.Max(nearest, MeasureBlock(block));
        return nearest;
    }

    /// <summary>Writes each block's mean shift into its columns; a term's effective neighbour count is its smallest over blocks.</summary>
    public void Estimate(ReadOnlySpan<double> bandwidths, Span<float> drifts, Span<double> effectiveNeighbours)
    {
        int n = _n, d = _d, terms = bandwidths.Length;
        if (n == 0) throw new InvalidOperationException("Measure a batch before estimating its drift.");
        Span<double> blockNeighbours = stackalloc double[terms];
        effectiveNeighbours[..terms].Fill(double.PositiveInfinity);
        foreach (var block in _blocks)
        {
            int width = block.Length;
            if (_blockDrifts.Length < terms * n * width) _blockDrifts = new float[terms * n * width];
            MeasureBlock(block);
            _kernel.Estimate(bandwidths, _blockDrifts, blockNeighbours);
            for (int t = 0; t < terms; t++)
            {
                CoordinateBlocks.Scatter(_blockDrifts.AsSpan(t * n * width, n * width), block, drifts.Slice(t * n * d, n * d), d);
                effectiveNeighbours[t] = Math.Min(effectiveNeighbours[t], blockNeighbours[t]);
            }
        }
    }

    /// <summary>Hands the kernel the batch's and the extra samples' coordinates in <paramref name="block"/>.</summary>
    private double MeasureBlock(int[] block) =>
        _kernel.Measure(Gather(_points, _n, block, ref _blockPoints), block.Length, Gather(_extra, _m, block, ref _blockExtra));

    private ReadOnlySpan<float> Gather(float[] points, int count, int[] block, ref float[] buffer)
    {
        int size = count * block.Length;
        if (buffer.Length < size) buffer = new float[size];
        CoordinateBlocks.Gather(points.AsSpan(0, count * _d), _d, block, buffer);
        return buffer.AsSpan(0, size);
    }
}
