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
/// When the energy hands out a block's own part (<see cref="Energy.BlockEnergy"/>: energy expressions and built-in
/// separable energies do), that block is sampled in its own |b| coordinates with E_b alone, so a step costs about
/// one full set of proposals rather than one per block; otherwise the proposals are full points evaluated with E.
/// </summary>
public sealed class BlockImportanceSamplingDrift : ITargetDrift
{
    /// <summary>A block's estimator: on the block's own energy in its own coordinates, or on E with proposals moving only the block.</summary>
    private sealed record BlockTerm(int[] Block, ImportanceSamplingDrift Estimator, bool OnBlockEnergy);

    private readonly BlockTerm[] _blocks;
    private readonly int _dimension;
    private float[] _blockPoints = [], _blockDrift = [];

    /// <param name="energy">The target energy (separable over <paramref name="blocks"/>).</param>
    /// <param name="blocks">The coordinate blocks (<see cref="CoordinateBlocks"/>).</param>
    /// <param name="proposals">Proposals per sample, bandwidth and block.</param>
    /// <param name="antithetic">Antithetic pairs (ξ, -ξ).</param>
    /// <param name="parallelism">Threads to spread samples over.</param>
    /// <param name="jackknife">Jackknife each block's estimate (<see cref="ImportanceSamplingDrift.Jackknife"/>).</param>
    public BlockImportanceSamplingDrift(Energy energy, IReadOnlyList<int[]> blocks, int proposals, bool antithetic = true, Parallelism? parallelism = null,
        bool jackknife = true)
    {
        CoordinateBlocks.Check(blocks, energy.Dimension);
        _dimension = energy.Dimension;
        _blocks = blocks.Select(b => energy.BlockEnergy(b) is { } part
            ? new BlockTerm(b, new ImportanceSamplingDrift(part, proposals, antithetic, parallelism, jackknife: jackknife), OnBlockEnergy: true)
            : new BlockTerm(b, new ImportanceSamplingDrift(energy, proposals, antithetic, parallelism, b, jackknife), OnBlockEnergy: false)).ToArray();
    }

    public int Proposals => _blocks[0].Estimator.Proposals;

    /// <summary>How many blocks are sampled with their own energy, in their own coordinates.</summary>
    public int BlocksOnOwnEnergy => _blocks.Count(b => b.OnBlockEnergy);

    /// <summary>Importance sampling over <paramref name="blocks"/> when given (and more than one), over all coordinates at once otherwise.</summary>
    public static ITargetDrift Create(Energy energy, IReadOnlyList<int[]>? blocks, int proposals, bool antithetic = true, Parallelism? parallelism = null,
        bool jackknife = true) =>
        blocks is { Count: > 1 }
            ? new BlockImportanceSamplingDrift(energy, blocks, proposals, antithetic, parallelism, jackknife)
            : new ImportanceSamplingDrift(energy, proposals, antithetic, parallelism, jackknife: jackknife);

    /// <inheritdoc/>
    /// <remarks>Block b draws its proposals from a stream derived from <paramref name="seed"/> and b; the reported effective sample size is the mean over blocks.</remarks>
    public void Estimate(ReadOnlySpan<float> points, double bandwidth, Span<float> drift, ulong seed, DriftDiagnostics diagnostics)
    {
        if (_blockDrift.Length < drift.Length) (_blockPoints, _blockDrift) = (new float[drift.Length], new float[drift.Length]);
        int n = points.Length / _dimension;
        drift.Clear();
        double ess = 0;
        for (int b = 0; b < _blocks.Length; b++)
        {
            var (block, estimator, onBlockEnergy) = _blocks[b];
            ulong blockSeed = RandomStreams.Block(seed, b);
            if (onBlockEnergy)
            {
                var blockPoints = _blockPoints.AsSpan(0, n * block.Length);
                var blockDrift = _blockDrift.AsSpan(0, n * block.Length);
                CoordinateBlocks.Gather(points, _dimension, block, blockPoints);
                estimator.Estimate(blockPoints, bandwidth, blockDrift, blockSeed, diagnostics);
                CoordinateBlocks.Scatter(blockDrift, block, drift, _dimension);
            }
            else
            {
                var blockDrift = _blockDrift.AsSpan(0, drift.Length);
                estimator.Estimate(points, bandwidth, blockDrift, blockSeed, diagnostics);
                TensorPrimitives.Add(drift, blockDrift, drift);
            }
            ess += diagnostics.MeanEffectiveSampleSize;
        }
        diagnostics.MeanEffectiveSampleSize = ess / _blocks.Length;
    }
}
