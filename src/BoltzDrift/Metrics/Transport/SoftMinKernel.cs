using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BoltzDrift.Numerics;

namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// The soft-min transform of Sinkhorn's log-domain iterations for one side of a dense cost matrix C
/// (rows × cols, uniform weights): result_i = -eps (log Σ_j exp((potential_j - C_ij) / eps) - log cols),
/// the row maximum subtracted inside the exponential, so nothing under- or overflows at any epsilon.
/// <para>
/// At small epsilon almost every term is negligible, so the transform keeps, per row, only the columns
/// within <see cref="KeptExponent"/> of the row's largest term, a sparse set built from the potential of
/// the moment (the truncated kernel of Schmitzer, 2019). While the potential stays within
/// <see cref="DriftAllowance"/> eps of that reference (sup norm), every dropped term remains below
/// exp(-<see cref="NegligibleExponent"/>) times the largest, so the result is exact to ~1e-14 relative;
/// when the potential drifts further, or epsilon changes, the set is rebuilt. Where the kept sets would
/// be dense (large epsilon) the transform runs dense and vectorised instead.
/// </para>
/// Rows are processed in parallel in fixed chunks, and no row's result depends on the others or on the
/// thread count.
/// </summary>
internal sealed class SoftMinKernel(double[] cost, int rows, int cols, Parallelism parallelism)
{
    /// <summary>Terms below exp(-40) of the largest are dropped (2,000 of them change a sum by under 1e-14).</summary>
    public const double NegligibleExponent = 40;

    /// <summary>How far, in units of eps, the potential may move before the kept sets are rebuilt.</summary>
    public const double DriftAllowance = 12;

    /// <summary>Width, in exponent units, of the kept sets: negligible plus twice the allowed drift.</summary>
    public const double KeptExponent = NegligibleExponent + 2 * DriftAllowance;

    private const int Chunk = 32;

    private readonly int[][] _keptColumns = new int[rows][];
    private readonly double[][] _keptCosts = new double[rows][];
    private readonly int[] _keptCounts = new int[rows];
    private readonly double[] _reference = new double[cols];
    private double _builtEpsilon = double.NaN;
    private bool _dense;

    /// <summary>Number of times the kept sets were built (a diagnostic).</summary>
    public int Rebuilds { get; private set; }

    /// <summary>Writes the soft-min transform of <paramref name="potential"/> (length cols) into <paramref name="result"/> (length rows).</summary>
    public void Apply(double[] potential, double eps, double[] result)
    {
        if (eps != _builtEpsilon || (!_dense && Drift(potential) > DriftAllowance * eps)) Rebuild(potential, eps);
        double logCols = Math.Log(cols), invEps = 1 / eps;
        if (_dense)
        {
            parallelism.For(rows, Chunk, (start, end) =>
            {
                for (int i = start; i < end; i++)
                    result[i] = -eps * (DenseLogSumExp(cost.AsSpan(i * cols, cols), potential, invEps) - logCols);
            });
            return;
        }
        parallelism.For(rows, Chunk, (start, end) =>
        {
            for (int i = start; i < end; i++)
                result[i] = -eps * (SparseLogSumExp(_keptColumns[i].AsSpan(0, _keptCounts[i]), _keptCosts[i], potential, invEps) - logCols);
        });
    }

    private double Drift(double[] potential)
    {
        double drift = 0;
        for (int j = 0; j < cols; j++) drift = Math.Max(drift, Math.Abs(potential[j] - _reference[j]));
        return drift;
    }

    /// <summary>
    /// Collects, per row, the columns whose exponent (potential_j - C_ij) / eps lies within
    /// <see cref="KeptExponent"/> of the row's maximum; falls back to dense mode for this epsilon when
    /// more than a quarter of all entries would be kept.
    /// </summary>
    private void Rebuild(double[] potential, double eps)
    {
        Rebuilds++;
        _builtEpsilon = eps;
        potential.CopyTo(_reference, 0);
        double invEps = 1 / eps;
        long kept = 0;
        parallelism.For(rows, Chunk, (start, end) =>
        {
            long local = 0;
            for (int i = start; i < end; i++)
            {
                var row = cost.AsSpan(i * cols, cols);
                double threshold = RowMaximum(row, potential, invEps) - KeptExponent;
                var columns = _keptColumns[i] ??= new int[16];
                var costs = _keptCosts[i] ??= new double[16];
                int count = 0;
                for (int j = 0; j < cols; j++)
                {
                    if ((potential[j] - row[j]) * invEps < threshold) continue;
                    if (count == columns.Length)
                    {
                        Array.Resize(ref _keptColumns[i], 2 * count);
                        Array.Resize(ref _keptCosts[i], 2 * count);
                        columns = _keptColumns[i];
                        costs = _keptCosts[i];
                    }
                    columns[count] = j;
                    costs[count++] = row[j];
                }
                _keptCounts[i] = count;
                local += count;
            }
            Interlocked.Add(ref kept, local);
        });
        _dense = kept > (long)rows * cols / 4;
        if (_dense)
        {
            Array.Clear(_keptColumns);  // dense mode for this epsilon: release the large sets
            Array.Clear(_keptCosts);
        }
    }

    [ThreadStatic]
    private static double[]? t_exponents;

    /// <summary>
    /// log Σ over the kept columns of exp((potential_j - C_ij) * invEps): the exponents are gathered into a
    /// scratch buffer with their maximum, then summed shifted by it with vectorised exponentials.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SparseLogSumExp(ReadOnlySpan<int> columns, double[] costs, double[] potential, double invEps)
    {
        int count = columns.Length;
        if (t_exponents is null || t_exponents.Length < count) t_exponents = new double[Math.Max(count, 256)];
        var exponents = t_exponents.AsSpan(0, count);
        double max = double.NegativeInfinity;
        for (int k = 0; k < count; k++)
        {
            double exponent = (potential[columns[k]] - costs[k]) * invEps;
            exponents[k] = exponent;
            max = Math.Max(max, exponent);
        }
        return max + Math.Log(ShiftedExpSum(exponents, max));
    }

    /// <summary>Σ_k exp(exponents_k - max), skipping all-negligible vectors and flooring arguments at -700.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ShiftedExpSum(ReadOnlySpan<double> exponents, double max)
    {
        int count = exponents.Length, width = Vector<double>.Count, k = 0;
        ref double reference = ref MemoryMarshal.GetReference(exponents);
        var shift = new Vector<double>(max);
        var cutoff = new Vector<double>(-NegligibleExponent);
        var floor = new Vector<double>(-700.0);
        var sums = Vector<double>.Zero;
        for (; k <= count - width; k += width)
        {
            var argument = Vector.LoadUnsafe(ref reference, (nuint)k) - shift;
            if (Vector.GreaterThanAny(argument, cutoff)) sums += Vector.Exp(Vector.Max(argument, floor));
        }
        double sum = Vector.Sum(sums);
        for (; k < count; k++)
        {
            double argument = exponents[k] - max;
            if (argument > -NegligibleExponent) sum += Math.Exp(argument);
        }
        return sum;
    }

    /// <summary>max_j (potential_j - row_j) * invEps, vectorised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double RowMaximum(ReadOnlySpan<double> row, ReadOnlySpan<double> potential, double invEps)
    {
        int count = row.Length, width = Vector<double>.Count, j = 0;
        ref double rowRef = ref MemoryMarshal.GetReference(row);
        ref double potentialRef = ref MemoryMarshal.GetReference(potential);
        var scale = new Vector<double>(invEps);
        var maxima = new Vector<double>(double.NegativeInfinity);
        for (; j <= count - width; j += width)
            maxima = Vector.Max(maxima, (Vector.LoadUnsafe(ref potentialRef, (nuint)j) - Vector.LoadUnsafe(ref rowRef, (nuint)j)) * scale);
        double max = double.NegativeInfinity;
        for (int k = 0; k < width; k++) max = Math.Max(max, maxima[k]);
        for (; j < count; j++) max = Math.Max(max, (potential[j] - row[j]) * invEps);
        return max;
    }

    /// <summary>
    /// log Σ_j exp((potential_j - row_j) * invEps) over the whole row: the maximum, then the shifted sum
    /// of exponentials, vectorised. Vectors whose terms are all negligible are skipped, and arguments are
    /// floored at -700 so that no lane takes the slow path of the vector exponential.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double DenseLogSumExp(ReadOnlySpan<double> row, ReadOnlySpan<double> potential, double invEps)
    {
        double max = RowMaximum(row, potential, invEps);
        int count = row.Length, width = Vector<double>.Count, j = 0;
        ref double rowRef = ref MemoryMarshal.GetReference(row);
        ref double potentialRef = ref MemoryMarshal.GetReference(potential);
        var scale = new Vector<double>(invEps);
        var shift = new Vector<double>(max);
        var cutoff = new Vector<double>(-NegligibleExponent);
        var floor = new Vector<double>(-700.0);
        var sums = Vector<double>.Zero;
        for (; j <= count - width; j += width)
        {
            var argument = (Vector.LoadUnsafe(ref potentialRef, (nuint)j) - Vector.LoadUnsafe(ref rowRef, (nuint)j)) * scale - shift;
            if (Vector.GreaterThanAny(argument, cutoff)) sums += Vector.Exp(Vector.Max(argument, floor));
        }
        double sum = Vector.Sum(sums);
        for (; j < count; j++)
        {
            double argument = (potential[j] - row[j]) * invEps - max;
            if (argument > -NegligibleExponent) sum += Math.Exp(argument);
        }
        return max + Math.Log(sum);
    }
}
