namespace BoltzDrift.Metrics.Transport;

/// <summary>Exact linear assignment for one-off problems; see <see cref="AssignmentSolver"/> for the method.</summary>
public static class Assignment
{
    /// <summary>
    /// The optimal assignment of the n×n row-major <paramref name="cost"/> (entry [i, j] at i * n + j):
    /// element i of the result is the column given to row i, and Σ_i cost[i, result[i]] is minimal.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not n×n, or a cost is NaN or infinite.</exception>
    public static int[] Solve(ReadOnlySpan<double> cost, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var rowToColumn = new int[n];
        new AssignmentSolver().Solve(cost, n, rowToColumn);
        return rowToColumn;
    }

    /// <summary>The total cost Σ_i cost[i, rowToColumn[i]] of an assignment.</summary>
    public static double TotalCost(ReadOnlySpan<double> cost, int n, ReadOnlySpan<int> rowToColumn)
    {
        double total = 0;
        for (int i = 0; i < n; i++) total += cost[i * n + rowToColumn[i]];
        return total;
    }
}
