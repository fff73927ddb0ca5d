using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Energies.Field;

/// <summary>The batched float32 path of the field's targets against their double path, and NaN handling.</summary>
public class FieldEvaluationTests
{
    [Theory]
    [MemberData(nameof(FieldCases.Names), MemberType = typeof(FieldCases))]
    public void BatchedSingle_MatchesDouble(string name)
    {
        var target = Targets.Get(name);
        // 1,003 points: whole SIMD blocks plus a remainder.
        BatchedEvaluation.AssertMatchesDouble(target.Energy, FieldCases.TestPoints(target, 1003, seed: 4), (x, e) => Magnitude(name, x, e));
    }

    /// <summary>
    /// The size of the terms a float32 energy sums. It is |E| except for manywell32, whose 16 negative well
    /// terms and 16 positive harmonic terms nearly cancel at some points: float32 rounding there is relative
    /// to Σ |terms|, not to the small total.
    /// </summary>
    private static double Magnitude(string name, double[] x, double energy)
    {
        if (name != "manywell32") return Math.Abs(energy);
        double sum = 0;
        for (int p = 0; p < x.Length / 2; p++)
        {
            double x1 = x[2 * p], x2 = x[2 * p + 1];
            sum += Math.Abs(x1 * x1 * x1 * x1 - 6 * x1 * x1 - 0.5 * x1) + 0.5 * x2 * x2;
        }
        return sum;
    }

    [Theory]
    [MemberData(nameof(FieldCases.Names), MemberType = typeof(FieldCases))]
    public void NaNPoint_GivesNaNEnergy_AndLeavesOtherPointsAlone(string name)
    {
        var target = Targets.Get(name);
        int d = target.Dimension;
        var point = FieldCases.TestPoints(target, 1, seed: 5)[0];
        point[d - 1] = double.NaN;
        Assert.True(double.IsNaN(target.Energy.Evaluate(point)));

        int[] nanRows = [3, 35];
        float[] flat = FieldCases.TestPoints(target, 37, seed: 5).SelectMany(p => p.Select(x => (float)x)).ToArray();
        foreach (int row in nanRows) flat[row * d] = float.NaN;
        var energies = new float[37];
        target.Energy.Evaluate(flat, energies);
        for (int i = 0; i < energies.Length; i++)
            Assert.True(nanRows.Contains(i) ? float.IsNaN(energies[i]) : float.IsFinite(energies[i]), $"point {i}: {energies[i]}");
    }

    [Fact]
    public void BatchedSingle_IsThreadSafe()
    {
        // Energies hold no per-call state: evaluating disjoint batches in parallel gives the serial result.
        foreach (string name in new[] { "manywell32", "lj13", "rings" })
        {
            var target = Targets.Get(name);
            float[] flat = FieldCases.TestPoints(target, 256, seed: 6).SelectMany(p => p.Select(x => (float)x)).ToArray();
            var serial = new float[256];
            target.Energy.Evaluate(flat, serial);
            var parallel = new float[256];
            int d = target.Dimension;
            Parallel.For(0, 16, block => target.Energy.Evaluate(flat.AsSpan(block * 16 * d, 16 * d), parallel.AsSpan(block * 16, 16)));
            Assert.Equal(serial, parallel);
        }
    }
}
