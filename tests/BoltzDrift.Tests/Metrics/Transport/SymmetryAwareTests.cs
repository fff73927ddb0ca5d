using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;
using static BoltzDrift.Tests.Metrics.Transport.ParticleTestData;

namespace BoltzDrift.Tests.Metrics.Transport;

public class SymmetryAwareTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dw4_cost_is_zero_for_a_permuted_rotated_translated_copy(bool reflect)
    {
        var rng = new Rng(1);
        var aligner = new ParticleAligner(ParticleLayout.Dw4);
        for (int trial = 0; trial < 20; trial++)
        {
            var x = RandomConfiguration(4, 2, ref rng, scale: 2);
            var y = Transform(x, 4, 2, ref rng, reflect);
            Assert.True(aligner.MinSquaredDistance(x, y) < 1e-20, $"trial {trial}: {aligner.MinSquaredDistance(x, y)}");
            Assert.True(CentredSquaredDistance(x, y, 4, 2) > 1e-2);  // the copy really moved
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Lj13_cost_is_zero_for_a_permuted_rotated_translated_copy(bool reflect, bool icosahedral)
    {
        var rng = new Rng(2);
        var aligner = new ParticleAligner(ParticleLayout.Lj13);
        for (int trial = 0; trial < 20; trial++)
        {
            var x = icosahedral ? Icosahedral(ref rng) : RandomConfiguration(13, 3, ref rng);
            var y = Transform(x, 13, 3, ref rng, reflect);
            double cost = aligner.MinSquaredDistance(x, y);
            Assert.True(cost < 1e-20, $"trial {trial}: {cost}");
        }
    }

    [Fact]
    public void Planar_configurations_in_3d_align_despite_the_rank_deficient_correlation()
    {
        var rng = new Rng(3);
        var aligner = new ParticleAligner(new ParticleLayout(6, 3), new SymmetryAlignmentOptions { ExhaustiveMaxParticles = 0 });
        var x = RandomConfiguration(6, 3, ref rng);
        for (int p = 0; p < 6; p++) x[p * 3 + 2] = 0;  // all in the plane z = 0
        var y = Transform(x, 6, 3, ref rng, reflect: false);
        Assert.True(aligner.MinSquaredDistance(x, y) < 1e-20);
        var line = new double[18];
        for (int p = 0; p < 6; p++) line[p * 3] = p * p;  // collinear: correlation of rank one
        Assert.True(aligner.MinSquaredDistance(line, Transform(line, 6, 3, ref rng, reflect: true)) < 1e-18);
    }

    [Fact]
    public void Exhaustive_dw4_minimum_matches_a_grid_over_angles_and_all_permutations()
    {
        var rng = new Rng(4);
        var aligner = new ParticleAligner(ParticleLayout.Dw4);
        for (int trial = 0; trial < 5; trial++)
        {
            var x = RandomConfiguration(4, 2, ref rng);
            var y = RandomConfiguration(4, 2, ref rng);
            double exact = aligner.MinSquaredDistance(x, y);
            double grid = GridMinimum(x, y, steps: 3600);
            Assert.True(exact <= grid + 1e-12, $"exact {exact} above grid {grid}");
            Assert.True(grid - exact < 1e-4, $"grid {grid} far above exact {exact}");
            Assert.True(exact <= CentredSquaredDistance(x, y, 4, 2) + 1e-12);
            Assert.Equal(exact, aligner.MinSquaredDistance(y, x), 1e-10);
        }
    }

    [Fact]
    public void Alternating_heuristic_never_beats_the_exhaustive_minimum_and_finds_it_near_a_symmetric_copy()
    {
        var rng = new Rng(5);
        var layout = new ParticleLayout(5, 3);
        var exhaustive = new ParticleAligner(layout);
        var heuristic = new ParticleAligner(layout, new SymmetryAlignmentOptions { ExhaustiveMaxParticles = 0 });
        for (int trial = 0; trial < 10; trial++)
        {
            var x = RandomConfiguration(5, 3, ref rng);
            var far = RandomConfiguration(5, 3, ref rng);
            Assert.True(heuristic.MinSquaredDistance(x, far) >= exhaustive.MinSquaredDistance(x, far) - 1e-10);

            var near = Transform(x, 5, 3, ref rng, reflect: trial % 2 == 0);
            for (int k = 0; k < near.Length; k++) near[k] += 0.02 * rng.NextGaussian();
            Assert.Equal(exhaustive.MinSquaredDistance(x, near), heuristic.MinSquaredDistance(x, near), 1e-9);
        }
    }

    [Fact]
    public void Set_w2_is_zero_against_transformed_shuffled_copies_and_positive_otherwise()
    {
        var rng = new Rng(6);
        var configurations = Enumerable.Range(0, 25).Select(_ => Icosahedral(ref rng, noise: 0.1)).ToArray();
        var copies = configurations.Select(c => Transform(c, 13, 3, ref rng, reflect: rng.NextDouble() < 0.5)).Reverse().ToArray();
        var a = ToSet(configurations, 39);
        Assert.True(SymmetryAwareWasserstein.W2(a, ToSet(copies, 39), ParticleLayout.Lj13) < 1e-9);
        Assert.True(Wasserstein.W2(a, ToSet(copies, 39)) > 1);  // raw coordinates see the symmetries

        var others = Enumerable.Range(0, 25).Select(_ => Icosahedral(ref rng, noise: 0.2)).ToArray();
        Assert.True(SymmetryAwareWasserstein.W2(a, ToSet(others, 39), ParticleLayout.Lj13) > 0.1);
    }

    [Fact]
    public void Hungarian_then_kabsch_protocol_is_permutation_invariant_and_never_below_the_minimum()
    {
        var rng = new Rng(7);
        var oneShot = new ParticleAligner(ParticleLayout.Lj13, new SymmetryAlignmentOptions { Method = SymmetryAlignmentMethod.HungarianThenKabsch });
        var minimum = new ParticleAligner(ParticleLayout.Lj13);
        for (int trial = 0; trial < 10; trial++)
        {
            var x = Icosahedral(ref rng, noise: 0.1);
            var relabelled = new double[39];
            var order = Enumerable.Range(0, 13).OrderBy(_ => rng.NextDouble()).ToArray();
            for (int p = 0; p < 13; p++) Array.Copy(x, order[p] * 3, relabelled, p * 3, 3);
            Assert.True(oneShot.MinSquaredDistance(x, relabelled) < 1e-20);

            var y = Transform(Icosahedral(ref rng, noise: 0.1), 13, 3, ref rng, reflect: false);
            Assert.True(oneShot.MinSquaredDistance(x, y) >= minimum.MinSquaredDistance(x, y) - 1e-10);
        }
    }

    [Fact]
    public void Rejects_mismatched_layouts()
    {
        var aligner = new ParticleAligner(ParticleLayout.Dw4);
        Assert.Throws<ArgumentException>(() => aligner.MinSquaredDistance(new double[8], new double[9]));
        var set = ToSet([new double[8], new double[8]], 8);
        Assert.Throws<ArgumentException>(() => SymmetryAwareWasserstein.W2(set, set, ParticleLayout.Lj13));
        Assert.Equal(ParticleLayout.Lj13, ParticleLayout.ForTarget("LJ13"));
        Assert.Null(ParticleLayout.ForTarget("gmm4"));
    }

    /// <summary>min over the 24 permutations, reflection or not, and a grid of angles of Σ_p |x_p - R y_π(p)|^2, after centring.</summary>
    private static double GridMinimum(double[] x, double[] y, int steps)
    {
        var cx = Centre(x);
        var cy = Centre(y);
        double best = double.PositiveInfinity;
        foreach (var permutation in Permutations([0, 1, 2, 3]))
            for (int s = 0; s < steps; s++)
            {
                double angle = 2 * Math.PI * s / steps, c = Math.Cos(angle), sn = Math.Sin(angle);
                foreach (double flip in new[] { 1.0, -1.0 })
                {
                    double total = 0;
                    for (int p = 0; p < 4; p++)
                    {
                        double px = cy[permutation[p] * 2], py = flip * cy[permutation[p] * 2 + 1];
                        total += Math.Pow(cx[p * 2] - (c * px - sn * py), 2) + Math.Pow(cx[p * 2 + 1] - (sn * px + c * py), 2);
                    }
                    best = Math.Min(best, total);
                }
            }
        return best;
    }

    private static double[] Centre(double[] x)
    {
        var c = (double[])x.Clone();
        for (int a = 0; a < 2; a++)
        {
            double mean = (c[a] + c[2 + a] + c[4 + a] + c[6 + a]) / 4;
            for (int p = 0; p < 4; p++) c[p * 2 + a] -= mean;
        }
        return c;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (int i = 0; i < items.Length; i++)
            foreach (var rest in Permutations(items.Where((_, k) => k != i).ToArray()))
                yield return [items[i], .. rest];
    }
}
