using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;

namespace BoltzDrift.Tests.Metrics.Transport;

public class AssignmentTests
{
    public static TheoryData<string> Kinds => ["uniform", "negative", "ties", "constant", "rank-one"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Matches_brute_force_over_all_permutations(string kind)
    {
        var rng = new Rng(11, stream: (ulong)kind.Length);
        var solver = new AssignmentSolver();
        for (int n = 1; n <= 7; n++)
        {
            int trials = n <= 4 ? 60 : n == 7 ? 8 : 25;
            for (int trial = 0; trial < trials; trial++)
            {
                var cost = RandomCost(kind, n, ref rng);
                var assignment = new int[n];
                double total = solver.Solve(cost, n, assignment);
                AssertPermutation(assignment);
                double best = TransportTestData.BruteForceMinimum(cost, n);
                Assert.Equal(best, total, 9);
                Assert.Equal(total, Assignment.TotalCost(cost, n, assignment), 12);
            }
        }
    }

    [Theory]
    [InlineData(9, "ties")]
    [InlineData(16, "ties")]
    [InlineData(33, "negative")]
    [InlineData(64, "ties")]
    [InlineData(150, "uniform")]
    [InlineData(200, "euclidean")]
    [InlineData(301, "ties")]
    public void Matches_reference_hungarian_beyond_brute_force_sizes(int n, string kind)
    {
        // These sizes exercise the vectorised relaxation (n >= 8) and its ragged tails.
        var rng = new Rng(5, stream: (ulong)n);
        var solver = new AssignmentSolver();
        for (int trial = 0; trial < 3; trial++)
        {
            var cost = RandomCost(kind, n, ref rng);
            var assignment = new int[n];
            double total = solver.Solve(cost, n, assignment);
            AssertPermutation(assignment);
            Assert.Equal(ReferenceHungarian(cost, n), total, 8);
        }
    }

    [Theory]
    [InlineData(40, "ties")]
    [InlineData(120, "euclidean")]
    [InlineData(257, "negative")]
    public void Duals_certify_optimality(int n, string kind)
    {
        // u_i + v_j <= c_ij everywhere, with equality on the assignment, proves the assignment optimal.
        var rng = new Rng(9, stream: (ulong)n);
        var cost = RandomCost(kind, n, ref rng);
        var assignment = new int[n];
        var u = new double[n];
        var v = new double[n];
        double total = new AssignmentSolver().Solve(cost, n, assignment, u, v);
        double scale = cost.Max(Math.Abs) + 1;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) Assert.True(u[i] + v[j] <= cost[i * n + j] + 1e-10 * scale, $"dual infeasible at [{i}, {j}]");
            Assert.Equal(cost[i * n + assignment[i]], u[i] + v[assignment[i]], 1e-10 * scale);
        }
        Assert.Equal(total, u.Sum() + v.Sum(), 1e-8 * scale * n);
    }

    [Fact]
    public void Static_solve_returns_row_to_column_and_identity_for_a_dominant_diagonal()
    {
        double[] cost = [0, 5, 5, 5, 0, 5, 5, 5, 0];
        Assert.Equal([0, 1, 2], Assignment.Solve(cost, 3));
        double[] antiDiagonal = [9, 9, 1, 9, 1, 9, 1, 9, 9];
        Assert.Equal([2, 1, 0], Assignment.Solve(antiDiagonal, 3));
        Assert.Empty(Assignment.Solve([], 0));
        Assert.Equal([0], Assignment.Solve([-3.5], 1));
    }

    [Fact]
    public void Solver_is_reusable_across_sizes()
    {
        var solver = new AssignmentSolver();
        var rng = new Rng(3);
        foreach (int n in new[] { 50, 5, 120, 2, 50 })
        {
            var cost = RandomCost("uniform", n, ref rng);
            var assignment = new int[n];
            Assert.Equal(ReferenceHungarian(cost, n), solver.Solve(cost, n, assignment), 9);
        }
    }

    [Fact]
    public void Rejects_non_finite_costs_and_wrong_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Assignment.Solve([0, 1, double.NaN, 2], 2));
        Assert.Contains("[1, 0]", error.Message);
        Assert.Throws<ArgumentException>(() => Assignment.Solve([0, 1, double.PositiveInfinity, 2], 2));
        Assert.Throws<ArgumentException>(() => Assignment.Solve([0, 1, 2], 2));
        Assert.Throws<ArgumentException>(() => new AssignmentSolver().Solve([0, 1, 2, 3], 2, new int[1]));
    }

    internal static double[] RandomCost(string kind, int n, ref Rng rng)
    {
        var cost = new double[n * n];
        switch (kind)
        {
            case "uniform":
                for (int k = 0; k < cost.Length; k++) cost[k] = rng.NextDouble();
                break;
            case "negative":
                for (int k = 0; k < cost.Length; k++) cost[k] = 200 * rng.NextDouble() - 150;
                break;
            case "ties":  // few distinct integer values, negative ones included: many optimal assignments
                for (int k = 0; k < cost.Length; k++) cost[k] = rng.NextInt(4) - 1;
                break;
            case "constant":
                Array.Fill(cost, 2.5);
                break;
            case "rank-one":  // c_ij = a_i b_j: every row orders the columns alike
                var a = new double[n];
                var b = new double[n];
                for (int i = 0; i < n; i++) { a[i] = rng.NextInt(3); b[i] = rng.NextDouble() - 0.5; }
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) cost[i * n + j] = a[i] * b[j];
                break;
            case "euclidean":
                var points = new double[4 * n];
                rng.FillGaussian(points);
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                    {
                        double dx = points[2 * i] - points[2 * n + 2 * j], dy = points[2 * i + 1] - points[2 * n + 2 * j + 1];
                        cost[i * n + j] = dx * dx + dy * dy;
                    }
                break;
            default:
                throw new ArgumentException(kind);
        }
        return cost;
    }

    internal static void AssertPermutation(int[] assignment)
    {
        var seen = new bool[assignment.Length];
        foreach (int column in assignment)
        {
            Assert.InRange(column, 0, assignment.Length - 1);
            Assert.False(seen[column], "column assigned twice");
            seen[column] = true;
        }
    }

    /// <summary>An independent O(n^3) Hungarian method (potentials, one row added at a time) as reference.</summary>
    internal static double ReferenceHungarian(double[] cost, int n)
    {
        var u = new double[n + 1];
        var v = new double[n + 1];
        var p = new int[n + 1];
        var way = new int[n + 1];
        for (int i = 1; i <= n; i++)
        {
            p[0] = i;
            int j0 = 0;
            var minv = Enumerable.Repeat(double.PositiveInfinity, n + 1).ToArray();
            var used = new bool[n + 1];
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= n; j++)
                {
                    if (used[j]) continue;
                    double current = cost[(i0 - 1) * n + j - 1] - u[i0] - v[j];
                    if (current < minv[j]) { minv[j] = current; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (int j = 0; j <= n; j++)
                {
                    if (used[j]) { u[p[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            } while (p[j0] != 0);
            do
            {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        double total = 0;
        for (int j = 1; j <= n; j++) total += cost[(p[j] - 1) * n + j - 1];
        return total;
    }
}
