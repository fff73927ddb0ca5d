using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Energies;

/// <summary>The float32 batched path against the double path, and behaviour at NaN and infinity.</summary>
public class EnergyEvaluationTests
{
    [Theory]
    [MemberData(nameof(EnergyCases.Names), MemberType = typeof(EnergyCases))]
    public void BatchedSingle_MatchesDouble(string name)
    {
        var target = EnergyCases.Get(name);
        // 1,003 points: whole SIMD blocks plus a remainder for the scalar tail.
        BatchedEvaluation.AssertMatchesDouble(target.Energy, EnergyCases.TestPoints(target, 1003, seed: 4), (_, e) => Math.Abs(e));
    }

    [Theory]
    [MemberData(nameof(EnergyCases.Names), MemberType = typeof(EnergyCases))]
    public void NaNPoint_GivesNaNEnergy_AndLeavesOtherPointsAlone(string name)
    {
        var target = EnergyCases.Get(name);
        int d = target.Dimension;
        var point = new double[d];
        point[d - 1] = double.NaN;
        Assert.True(double.IsNaN(target.Energy.Evaluate(point)));

        int[] nanRows = [3, 35]; // one inside a SIMD block, one in the scalar tail
        float[] flat = EnergyCases.TestPoints(target, 37, seed: 5).SelectMany(p => p.Select(x => (float)x)).ToArray();
        foreach (int row in nanRows) flat[row * d] = float.NaN;
        var energies = new float[37];
        target.Energy.Evaluate(flat, energies);
        for (int i = 0; i < energies.Length; i++)
            Assert.True(nanRows.Contains(i) ? float.IsNaN(energies[i]) : float.IsFinite(energies[i]), $"point {i}: {energies[i]}");
    }

    [Fact]
    public void GaussianMixture_InfinitelyFarPoint_HasInfiniteEnergy_NotNaN()
    {
        var energy = Targets.Get("gmm4").Energy;
        Assert.Equal(double.PositiveInfinity, energy.Evaluate([double.PositiveInfinity, 0]));

        // 1e20 squares to +∞ in float32; points 0 and 17 are in a SIMD block and in the tail.
        var flat = new float[2 * 18];
        flat[0] = flat[2 * 17 + 1] = 1e20f;
        var energies = new float[18];
        energy.Evaluate(flat, energies);
        Assert.Equal(float.PositiveInfinity, energies[0]);
        Assert.Equal(float.PositiveInfinity, energies[17]);
        Assert.True(float.IsFinite(energies[1]));
    }

    [Fact]
    public void BatchedSingle_RejectsMismatchedShapes()
    {
        var energy = Targets.Get("gmm4").Energy;
        Assert.Throws<ArgumentException>(() => energy.Evaluate(new float[5], new float[3]));
    }
}
