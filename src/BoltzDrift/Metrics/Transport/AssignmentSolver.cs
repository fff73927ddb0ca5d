using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// Exact solver of the linear assignment problem min over permutations σ of Σ_i cost[i, σ(i)] for a
/// dense square matrix, after Jonker and Volgenant (1987): column reduction with reduction transfer gives
/// a partial assignment and feasible dual prices, then each row left free is joined by a shortest
/// augmenting path (Dijkstra on reduced costs, prices in double precision, one vectorised pass over the
/// columns per settled column). JV's augmenting row reduction is left out: on squared-Euclidean costs in
/// 2-5 dimensions it cost more than the augmentations it saved. Exact for any finite costs, negative
/// ones and ties included; O(n^3) in the worst case, about a second for 2,000 points in 2-D. An instance
/// keeps its buffers between calls, so solving many small problems (the particle matchings of
/// <see cref="ParticleAligner"/>) allocates nothing; it is not thread-safe.
/// </summary>
public sealed class AssignmentSolver
{
    private int[] _rowToColumn = [], _columnToRow = [], _freeRows = [], _columns = [];
    private double[] _v = [], _distance = [], _predecessor = [], _settledDistance = [], _settledPrice = [];
    private bool[] _uniqueMinimum = [];

    /// <summary>
    /// Solves the n×n problem of row-major <paramref name="cost"/> (entry [i, j] at i * n + j), writes
    /// the column of each row into <paramref name="rowToColumn"/> and returns the minimal total cost.
    /// </summary>
    /// <exception cref="ArgumentException">Sizes disagree, or a cost is NaN or infinite.</exception>
    public double Solve(ReadOnlySpan<double> cost, int n, Span<int> rowToColumn) => Solve(cost, n, rowToColumn, [], []);

    /// <summary>
    /// Solves the problem as <see cref="Solve(ReadOnlySpan{double}, int, Span{int})"/> and also writes
    /// optimal dual potentials, the certificate of optimality: u_i + v_j ≤ cost[i, j] for all pairs, with
    /// equality on the assignment, so Σ u + Σ v equals the minimal cost (up to rounding). Pass empty spans
    /// for duals not wanted.
    /// </summary>
    /// <exception cref="ArgumentException">Sizes disagree, or a cost is NaN or infinite.</exception>
    public double Solve(ReadOnlySpan<double> cost, int n, Span<int> rowToColumn, Span<double> rowDuals, Span<double> columnDuals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (cost.Length != (long)n * n)
            throw new ArgumentException($"A {n}×{n} problem needs {(long)n * n} costs, got {cost.Length}.", nameof(cost));
        if (rowToColumn.Length < n)
            throw new ArgumentException($"The assignment needs room for {n} rows, got {rowToColumn.Length}.", nameof(rowToColumn));
        if ((!rowDuals.IsEmpty && rowDuals.Length < n) || (!columnDuals.IsEmpty && columnDuals.Length < n))
            throw new ArgumentException($"Dual potentials need room for {n} values.");
        for (int k = 0; k < cost.Length; k++)
        {
            if (!double.IsFinite(cost[k]))
                throw new ArgumentException($"Cost [{k / n}, {k % n}] is {cost[k]}; costs must be finite.", nameof(cost));
        }
        if (n == 0) return 0;

        EnsureCapacity(n);
        if (n == 1)
        {
            _rowToColumn[0] = 0;
            _v[0] = 0;
        }
        else
        {
            int free = ReduceColumns(cost, n);
            for (int f = 0; f < free; f++) Augment(cost, n, _freeRows[f]);
        }

        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int j = _rowToColumn[i];
            rowToColumn[i] = j;
            total += cost[i * n + j];
            if (!rowDuals.IsEmpty) rowDuals[i] = cost[i * n + j] - _v[j];
        }
        if (!columnDuals.IsEmpty) _v.AsSpan(0, n).CopyTo(columnDuals);
        return total;
    }

    private void EnsureCapacity(int n)
    {
        if (_v.Length >= n) return;
        _rowToColumn = new int[n];
        _columnToRow = new int[n];
        _freeRows = new int[n];
        _columns = new int[n];
        _predecessor = new double[n];
        _settledDistance = new double[n];
        _settledPrice = new double[n];
        _v = new double[n];
        _distance = new double[n];
        _uniqueMinimum = new bool[n];
    }

    /// <summary>
    /// Column reduction: v_j = min_i cost[i, j], each column offered to its minimising row (the last
    /// columns first); then reduction transfer for rows that got exactly one column. Returns the number
    /// of rows left free, listed at the start of the free-row buffer.
    /// </summary>
    private int ReduceColumns(ReadOnlySpan<double> cost, int n)
    {
        var x = _rowToColumn.AsSpan(0, n);
        var y = _columnToRow.AsSpan(0, n);
        var v = _v.AsSpan(0, n);
        var unique = _uniqueMinimum.AsSpan(0, n);
        x.Fill(-1);
        v.Fill(double.PositiveInfinity);
        y.Clear();
        for (int i = 0; i < n; i++)
        {
            var row = cost.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                if (row[j] < v[j])
                {
                    v[j] = row[j];
                    y[j] = i;
                }
            }
        }
        unique.Fill(true);
        for (int j = n - 1; j >= 0; j--)
        {
            int i = y[j];
            if (x[i] < 0) x[i] = j;
            else
            {
                unique[i] = false;
                y[j] = -1;
            }
        }
        int free = 0;
        for (int i = 0; i < n; i++)
        {
            if (x[i] < 0) _freeRows[free++] = i;
            else if (unique[i])
            {
                int j1 = x[i];
                var row = cost.Slice(i * n, n);
                double min = double.PositiveInfinity;
                for (int j = 0; j < n; j++)
                {
                    if (j != j1 && row[j] - v[j] < min) min = row[j] - v[j];
                }
                v[j1] -= min;
            }
        }
        return free;
    }

    /// <summary>Finds a shortest augmenting path from free row <paramref name="startRow"/> and flips it.</summary>
    private void Augment(ReadOnlySpan<double> cost, int n, int startRow)
    {
        int j = FindShortestPath(cost, n, startRow);
        int i = -1;
        while (i != startRow)
        {
            i = (int)_predecessor[j];
            _columnToRow[j] = i;
            (j, _rowToColumn[i]) = (_rowToColumn[i], j);
        }
    }

    /// <summary>
    /// Dijkstra over columns with reduced costs cost[i, j] - u_i - v_j, u implicit from the current
    /// assignment (u_i = cost[i, x_i] - v[x_i]). Each step settles the nearest unsettled column; if it is
    /// free the path is found, otherwise the row assigned to it relaxes every column in one vectorised
    /// pass that also finds the next nearest. A settled column is parked with price -∞ and distance +∞,
    /// so that it is neither relaxed nor chosen again, its true values kept aside. Returns the free
    /// column reached, after lowering the prices of the settled columns (by their distance short of the
    /// path length) so that reduced costs stay non-negative.
    /// </summary>
    private int FindShortestPath(ReadOnlySpan<double> cost, int n, int startRow)
    {
        var v = _v;
        var y = _columnToRow;
        var distance = _distance;
        _distance.AsSpan(0, n).Fill(double.PositiveInfinity);
        int settled = 0;
        // From the free start row, u = 0: the distances are its reduced costs.
        int j = Relax(cost.Slice(startRow * n, n), n, baseValue: 0, row: startRow);
        while (y[j] >= 0)
        {
            int i = y[j];
            double dj = distance[j], vj = v[j];
            _columns[settled] = j;
            _settledDistance[settled] = dj;
            _settledPrice[settled++] = vj;
            distance[j] = double.PositiveInfinity;
            v[j] = double.NegativeInfinity;
            // Distances through row i: d_j + reduced cost, with u_i = cost[i, j] - v_j - d_j folded into base.
            var row = cost.Slice(i * n, n);
            j = Relax(row, n, baseValue: dj - (row[j] - vj), row: i);
        }
        double minimal = distance[j];
        for (int k = 0; k < settled; k++)
            v[_columns[k]] = _settledPrice[k] + (_settledDistance[k] - minimal);
        return j;
    }

    /// <summary>
    /// For every column k, candidate = (row[k] - v[k]) + base; where it is below distance[k] it becomes the
    /// distance, with predecessor <paramref name="row"/>. Returns the column of least distance, the lowest
    /// index on ties; parked (settled) columns sit at +∞ and are never relaxed, as -∞ prices make their
    /// candidates +∞.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Relax(ReadOnlySpan<double> costRow, int n, double baseValue, int row)
    {
        var v = _v.AsSpan(0, n);
        var distance = _distance.AsSpan(0, n);
        var predecessor = _predecessor.AsSpan(0, n);
        double rowValue = row;
        int width = Vector<double>.Count, k = 0;
        double best = double.PositiveInfinity;
        int bestIndex = -1;
        if (n >= 2 * width)
        {
            ref double costRef = ref MemoryMarshal.GetReference(costRow);
            ref double vRef = ref MemoryMarshal.GetReference(v);
            ref double distanceRef = ref MemoryMarshal.GetReference(distance);
            ref double predecessorRef = ref MemoryMarshal.GetReference(predecessor);
            var baseVector = new Vector<double>(baseValue);
            var rowVector = new Vector<double>(rowValue);
            var step = new Vector<double>(width);
            var indicesA = Vector<double>.Indices;
            var indicesB = indicesA + step;
            step += step;
            var bestA = new Vector<double>(double.PositiveInfinity);
            var bestB = bestA;
            var bestIndicesA = Vector<double>.Zero;
            var bestIndicesB = Vector<double>.Zero;
            for (; k <= n - 2 * width; k += 2 * width)
            {
                nuint a = (nuint)k, b = (nuint)(k + width);
                var candidateA = Vector.LoadUnsafe(ref costRef, a) - Vector.LoadUnsafe(ref vRef, a) + baseVector;
                var candidateB = Vector.LoadUnsafe(ref costRef, b) - Vector.LoadUnsafe(ref vRef, b) + baseVector;
                var currentA = Vector.LoadUnsafe(ref distanceRef, a);
                var currentB = Vector.LoadUnsafe(ref distanceRef, b);
                var betterA = Vector.LessThan(candidateA, currentA);
                var betterB = Vector.LessThan(candidateB, currentB);
                currentA = Vector.ConditionalSelect(betterA, candidateA, currentA);
                currentB = Vector.ConditionalSelect(betterB, candidateB, currentB);
                currentA.StoreUnsafe(ref distanceRef, a);
                currentB.StoreUnsafe(ref distanceRef, b);
                Vector.ConditionalSelect(betterA, rowVector, Vector.LoadUnsafe(ref predecessorRef, a)).StoreUnsafe(ref predecessorRef, a);
                Vector.ConditionalSelect(betterB, rowVector, Vector.LoadUnsafe(ref predecessorRef, b)).StoreUnsafe(ref predecessorRef, b);
                var lessA = Vector.LessThan(currentA, bestA);
                var lessB = Vector.LessThan(currentB, bestB);
                bestA = Vector.ConditionalSelect(lessA, currentA, bestA);
                bestB = Vector.ConditionalSelect(lessB, currentB, bestB);
                bestIndicesA = Vector.ConditionalSelect(lessA, indicesA, bestIndicesA);
                bestIndicesB = Vector.ConditionalSelect(lessB, indicesB, bestIndicesB);
                indicesA += step;
                indicesB += step;
            }
            for (int lane = 0; lane < width; lane++)
            {
                Consider(bestA[lane], (int)bestIndicesA[lane], ref best, ref bestIndex);
                Consider(bestB[lane], (int)bestIndicesB[lane], ref best, ref bestIndex);
            }
        }
        for (; k < n; k++)
        {
            double candidate = costRow[k] - v[k] + baseValue;
            if (candidate < distance[k])
            {
                distance[k] = candidate;
                predecessor[k] = rowValue;
            }
            Consider(distance[k], k, ref best, ref bestIndex);
        }
        return bestIndex;
    }

    /// <summary>Keeps the smaller value, and on equal values the lower index; an index of -1 means none yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Consider(double value, int index, ref double best, ref int bestIndex)
    {
        if (value < best || (value == best && value < double.PositiveInfinity && index < bestIndex))
        {
            best = value;
            bestIndex = index;
        }
    }
}
