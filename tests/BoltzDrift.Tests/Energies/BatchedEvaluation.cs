using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Energies;

/// <summary>The float32 batched path of an energy against its double path.</summary>
internal static class BatchedEvaluation
{
    /// <summary>
    /// Evaluates <paramref name="points"/> in one float32 batch and checks each energy against the double
    /// path at the float-rounded coordinates (so only the float arithmetic is judged), within
    /// 1e-5 (1 + scale), where <paramref name="scale"/> gives the size of the terms summed at a point.
    /// </summary>
    public static void AssertMatchesDouble(Energy energy, double[][] points, Func<double[], double, double> scale)
    {
        float[] flat = points.SelectMany(p => p.Select(x => (float)x)).ToArray();
        var energies = new float[points.Length];
        energy.Evaluate(flat, energies);
        for (int i = 0; i < points.Length; i++)
        {
            double[] rounded = points[i].Select(x => (double)(float)x).ToArray();
            double expected = energy.Evaluate(rounded);
            NumericAssert.Close(expected, energies[i], 1e-5 * (1 + scale(rounded, expected)), $"point {i}");
        }
    }
}
