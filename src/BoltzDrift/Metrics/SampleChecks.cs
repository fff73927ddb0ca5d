using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics;

/// <summary>Argument checks shared by the metrics, so every metric fails with the same clear messages.</summary>
internal static class SampleChecks
{
    /// <summary>Throws unless <paramref name="samples"/> has at least <paramref name="minimum"/> points.</summary>
    public static void RequireCount(SampleSet samples, int minimum, string paramName)
    {
        if (samples.Count < minimum)
            throw new ArgumentException($"Needs at least {minimum} samples, got {samples.Count}.", paramName);
    }

    /// <summary>Throws unless the points of <paramref name="samples"/> have dimension <paramref name="expected"/>.</summary>
    public static void RequireDimension(SampleSet samples, int expected, string what, string paramName)
    {
        if (samples.Dimension != expected)
            throw new ArgumentException($"Samples have dimension {samples.Dimension} but {what} has dimension {expected}.", paramName);
    }

    /// <summary>Throws if any point has a NaN or infinite coordinate, saying how many points do.</summary>
    public static void RequireFinite(SampleSet samples, string paramName)
    {
        int bad = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            foreach (double v in samples[i])
            {
                if (!double.IsFinite(v)) { bad++; break; }
            }
        }
        if (bad > 0)
            throw new ArgumentException($"{bad} of {samples.Count} sample rows are non-finite (contain NaN or infinity).", paramName);
    }
}
