namespace BoltzDrift.Baselines;

/// <summary>
/// Effective sample size of long runs of many chains, accumulated draw by draw without storing the draws.
/// Each chain's draws are averaged in consecutive blocks of <see cref="BlockSize"/>; the multi-chain
/// autocorrelation ESS of the block-mean series (<see cref="Ess.Autocorrelation"/>), which sees both the
/// correlation left between blocks and chains stuck in different modes, is converted to draws by the ratio
/// of the variance of single draws to that of block means:
/// ESS = ESS_blocks · s²_draws / s²_blocks, since Var(grand mean) ≈ s²_blocks / ESS_blocks = s²_draws / ESS.
/// With blocks of one draw this is exactly <see cref="Ess.Autocorrelation"/> of the draws themselves.
/// Unlike storing every t-th draw, it does not lose the ESS of draws between the stored ones, and unlike
/// plain batch means it does not count the batches of a chain stuck in one mode as independent.
/// </summary>
public sealed class BlockMeansEss
{
    private readonly int _chains, _dimension;
    private readonly int[] _drawsSeen;
    private readonly double[] _blockSums;       // [chain * d + k]
    private readonly double[][][] _blockMeans;  // [coordinate][chain][block]
    private readonly double[] _shift, _sum, _sumOfSquares;
    private bool _shifted;

    /// <summary>Prepares for <paramref name="drawsPerChain"/> draws of each of <paramref name="chains"/> chains.</summary>
    /// <param name="chains">Number of chains.</param>
    /// <param name="dimension">Dimension d of each draw.</param>
    /// <param name="drawsPerChain">Draws each chain will contribute; a remainder beyond whole blocks is ignored.</param>
    /// <param name="blocksPerChain">
    /// Blocks per chain aimed for; the block size is ⌊draws / blocks⌋ (at least 1), so every chain has at least
    /// this many blocks. A few hundred resolve the autocorrelation of the block means and keep the memory small.
    /// </param>
    public BlockMeansEss(int chains, int dimension, int drawsPerChain, int blocksPerChain = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chains, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blocksPerChain, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(drawsPerChain, 4, nameof(drawsPerChain));
        _chains = chains;
        _dimension = dimension;
        BlockSize = Math.Max(1, drawsPerChain / blocksPerChain);
        BlocksPerChain = drawsPerChain / BlockSize;
        _drawsSeen = new int[chains];
        _blockSums = new double[chains * dimension];
        _blockMeans = Enumerable.Range(0, dimension)
            .Select(_ => Enumerable.Range(0, chains).Select(_ => new double[BlocksPerChain]).ToArray())
            .ToArray();
        _shift = new double[dimension];
        _sum = new double[dimension];
        _sumOfSquares = new double[dimension];
    }

    /// <summary>Draws averaged per block.</summary>
    public int BlockSize { get; }

    /// <summary>Whole blocks per chain; draws beyond them are ignored.</summary>
    public int BlocksPerChain { get; }

    /// <summary>Adds the next draw of <paramref name="chain"/>.</summary>
    public void Add(int chain, ReadOnlySpan<double> draw)
    {
        if (draw.Length != _dimension)
            throw new ArgumentException($"Expected a draw of dimension {_dimension}, got {draw.Length}.", nameof(draw));
        int seen = _drawsSeen[chain]++;
        if (seen >= BlocksPerChain * BlockSize) return;
        if (!_shifted)
        {
            // Sums of squares are taken about the first draw, so a large mean cannot cancel the variance's digits.
            draw.CopyTo(_shift);
            _shifted = true;
        }
        var blockSum = _blockSums.AsSpan(chain * _dimension, _dimension);
        for (int k = 0; k < _dimension; k++)
        {
            double x = draw[k] - _shift[k];
            blockSum[k] += x;
            _sum[k] += x;
            _sumOfSquares[k] += x * x;
        }
        if ((seen + 1) % BlockSize != 0) return;
        int block = seen / BlockSize;
        for (int k = 0; k < _dimension; k++)
        {
            _blockMeans[k][chain][block] = blockSum[k] / BlockSize;
            blockSum[k] = 0;
        }
    }

    /// <summary>Adds the current T = 1 point of every chain of <paramref name="state"/>: one sampling step.</summary>
    public void Add(McmcState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ChainCount != _chains)
            throw new ArgumentException($"The state has {state.ChainCount} chains, this estimator {_chains}.", nameof(state));
        for (int c = 0; c < _chains; c++) Add(c, state.Position(c));
    }

    /// <summary>ESS of each coordinate (NaN for a constant coordinate).</summary>
    /// <exception cref="InvalidOperationException">Some chain has not yet contributed all its whole blocks.</exception>
    public double[] PerCoordinate()
    {
        int used = BlocksPerChain * BlockSize;
        if (_drawsSeen.Any(seen => seen < used))
            throw new InvalidOperationException($"Every chain must contribute at least {used} draws before the ESS is computed.");
        double draws = (double)_chains * used;
        var ess = new double[_dimension];
        for (int k = 0; k < _dimension; k++)
        {
            double mean = _sum[k] / draws;
            double drawVariance = (_sumOfSquares[k] - draws * mean * mean) / (draws - 1);
            double blockVariance = PooledVariance(_blockMeans[k]);
            ess[k] = drawVariance > 0 && blockVariance > 0
                ? Ess.Autocorrelation(_blockMeans[k]) * (drawVariance / blockVariance)
                : double.NaN;
        }
        return ess;
    }

    /// <summary>The smallest ESS over coordinates: the figure to quote for a run.</summary>
    public double Min() => PerCoordinate().Min();

    private static double PooledVariance(double[][] series)
    {
        double mean = series.Sum(chain => chain.Sum()) / series.Sum(chain => chain.Length);
        double squares = series.Sum(chain => chain.Sum(x => (x - mean) * (x - mean)));
        return squares / (series.Sum(chain => chain.Length) - 1);
    }
}
