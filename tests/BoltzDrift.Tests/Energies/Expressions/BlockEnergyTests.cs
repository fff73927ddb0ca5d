using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Tests.Drift;

namespace BoltzDrift.Tests.Energies.Expressions;

/// <summary>
/// <see cref="Energy.BlockEnergy"/>: for a point y that differs from x only in the block's coordinates,
/// E(y) - E(x) = E_b(y_b) - E_b(x_b), whatever the other coordinates hold.
/// </summary>
public class BlockEnergyTests
{
    /// <summary>Separable over {0, 1}, {2}, {3, 5}, {4}, with nested sums, a negated sum, subtractions and constants.</summary>
    private const string Separable =
        "3 + sum(i, 0, 1, (x[i] - i)^2 * (1 + x[1 - i]^2)) - (x2 - 2*x2^3 - sum(j, 0, 0, cos(x3 * x5))) + 4*x4^4 - 2 - exp(-x5)";

    private static readonly int[][] SeparableBlocks = [[0, 1], [2], [5, 3], [4]];

    private static double[] Point(Rng rng, int d)
    {
        var x = new double[d];
        for (int k = 0; k < d; k++) x[k] = 1.5 * rng.NextGaussian();
        return x;
    }

    /// <summary>E_b as a function of the full point: evaluated on the block's coordinates, in the block's order.</summary>
    private static double OnBlock(Energy part, int[] block, double[] x) => part.Evaluate(block.Select(k => x[k]).ToArray());

    private static void AssertDifferencesAgree(Energy energy, int[] block, ulong seed)
    {
        var part = energy.BlockEnergy(block);
        Assert.NotNull(part);
        Assert.Equal(block.Length, part.Dimension);
        var rng = new Rng(seed);
        for (int trial = 0; trial < 25; trial++)
        {
            var x = Point(rng, energy.Dimension);
            var y = (double[])x.Clone();
            foreach (int k in block) y[k] += 1.2 * rng.NextGaussian();
            double full = energy.Evaluate(y) - energy.Evaluate(x), blockOnly = OnBlock(part, block, y) - OnBlock(part, block, x);
            // Both sides are a few dozen double operations on O(10²) values: agreement to ~1e-12 relative.
            NumericAssert.Close(full, blockOnly, 1e-11 * (1 + Math.Abs(energy.Evaluate(y)) + Math.Abs(energy.Evaluate(x))), $"block [{string.Join(",", block)}], trial {trial}");
        }
    }

    [Fact]
    public void An_expressions_block_energy_changes_exactly_as_the_full_energy_when_only_the_block_moves()
    {
        var energy = Targets.FromExpression(Separable, 6).Energy;
        for (int b = 0; b < SeparableBlocks.Length; b++) AssertDifferencesAgree(energy, SeparableBlocks[b], seed: (ulong)b + 1);
        AssertDifferencesAgree(energy, [4, 2, 0, 1], seed: 9);   // a union of blocks separates too
    }

    [Fact]
    public void A_block_that_a_term_couples_to_other_coordinates_has_no_block_energy()
    {
        var energy = Targets.FromExpression(Separable, 6).Energy;
        Assert.Null(energy.BlockEnergy([0]));      // (x0 - 0)^2 (1 + x1^2) couples x0 and x1
        Assert.Null(energy.BlockEnergy([3]));      // cos(x3 x5)
        Assert.Null(energy.BlockEnergy([2, 3]));
    }

    [Fact]
    public void A_leading_subtracted_term_keeps_its_sign_and_a_block_without_terms_is_constant()
    {
        var energy = Targets.FromExpression("-(x0^3) + x1^2 - 5", 3).Energy;
        var first = energy.BlockEnergy([0])!;
        NumericAssert.Close(-8, first.Evaluate([2.0]), 1e-15);
        var empty = energy.BlockEnergy([2])!;
        Assert.Equal(empty.Evaluate([-3.0]), empty.Evaluate([4.0]));
    }

    [Fact]
    public void Manywell_gives_the_block_energy_of_any_block_of_its_coordinates()
    {
        var energy = new ManyWellEnergy(3);
        AssertDifferencesAgree(energy, [0], seed: 11);
        AssertDifferencesAgree(energy, [1], seed: 12);
        AssertDifferencesAgree(energy, [5, 0, 3], seed: 13);
    }

    [Fact]
    public void Energies_that_cannot_say_have_no_block_energy_and_bad_blocks_are_refused()
    {
        Assert.Null(new ValuesOnlyEnergy(new ManyWellEnergy(2)).BlockEnergy([0]));
        var energy = Targets.FromExpression(Separable, 6).Energy;
        Assert.Throws<ArgumentException>(() => energy.BlockEnergy([]));
        Assert.Throws<ArgumentException>(() => energy.BlockEnergy([2, 2]));
        Assert.Throws<ArgumentException>(() => energy.BlockEnergy([6]));
        Assert.Throws<ArgumentException>(() => energy.BlockEnergy([-1]));
    }

    [Fact]
    public void Evaluations_of_a_block_energy_are_counted_by_the_counting_wrapper_it_came_from()
    {
        var counting = new CountingEnergy(new ManyWellEnergy(2));
        var part = counting.BlockEnergy([0, 1])!;
        part.Evaluate(new float[10], new float[5]);
        part.Evaluate([0.5, 0.5]);
        counting.Evaluate([0.0, 0, 0, 0]);
        Assert.Equal(7, counting.Counts.Energy);
    }
}
