using System.Numerics.Tensors;
using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Drift;

/// <summary>
/// The target side for an energy that separates into non-interacting coordinate blocks (docs/method.md §10):
/// block by block, importance-sampling proposals move only that block's coordinates, so the weights
/// softmax(-E(y)) = softmax(-E_b(y_b)) see the block's own low-dimensional energy and V+ restricted to the block
/// is the drift of p_b. The blocks' drifts, each zero outside its block, add up to the full V+ (for a separable
/// energy, s² ∇log p_s factorises exactly). In low-dimensional blocks the effective sample size stays high where
/// proposals in all d coordinates at once would be degenerate, at the cost of one set of proposals per block.
/// </summary>
public sealed class BlockImportanceSamplingDrift : ITargetDrift
{
    private readonly ImportanceSamplingDrift[] _blocks;
    private float[] _blockDrift = [];

    /// <param name="energy">The target energy (separable over <paramref name="blocks"/>).</param>
    /// <param name="blocks">The coordinate blocks (<see cref="CoordinateBlocks"/>).</param>
    /// <param name="proposals">Proposals per sample, bandwidth and block.</param>
    /// <param name="antithetic">Antithetic pairs (ξ, -ξ).</param>
    /// <param name="parallelism">Threads to spread samples over.</param>
    public BlockImportanceSamplingDrift(Energy energy, IReadOnlyList<int[]> blocks, int proposals, bool antithetic = true, Parallelism? parallelism = null)
    {
        CoordinateBlocks.Check(blocks, energy.Dimension);
        _blocks = blocks.Select(b => new ImportanceSamplingDrift(energy, proposals, antithetic, parallelism, b)).ToArray();
    }

    public int Proposals => _blocks[0].Proposals;

    /// <summary>Importance sampling over <paramref name="blocks"/> when given (and more than one), over all coordinates at once otherwise.</summary>
    public static ITargetDrift Create(Energy energy, IReadOnlyList<int[]>? blocks, int proposals, bool antithetic = true, Parallelism? parallelism = null) =>
        blocks is { Count: > 1 }
            ? new BlockImportanceSamplingDrift(energy, blocks, proposals, antithetic, parallelism)
            : new ImportanceSamplingDrift(energy, proposals, antithetic, parallelism);

    /// <inheritdoc/>
    /// <remarks>Block b draws its proposals from a stream derived from <paramref name="seed"/> and b; the reported effective sample size is the mean over blocks.</remarks>
    public void Estimate(ReadOnlySpan<float> points, double bandwidth, Span<float> drift, ulong seed, DriftDiagnostics diagnostics)
    {
        if (_blockDrift.Length < drift.Length) _blockDrift = new float[drift.Length];
        var blockDrift = _blockDrift.AsSpan(0, drift.Length);
        drift.Clear();
        double ess = 0;
        for (int b = 0; b < _blocks.Length; b++)
        {
            _blocks[b].Estimate(points, bandwidth, blockDrift, RandomStreams.Block(seed, b), diagnostics);
            ess += diagnostics.MeanEffectiveSampleSize;
            TensorPrimitives.Add(drift, blockDrift, drift);
        }
        diagnostics.MeanEffectiveSampleSize = ess / _blocks.Length;
    }
}
