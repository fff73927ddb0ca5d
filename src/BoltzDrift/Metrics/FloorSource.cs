namespace BoltzDrift.Metrics;

/// <summary>Where the noise floor's independent set comes from (docs/metrics.md).</summary>
public enum FloorSource
{
    /// <summary>Exact samples of the target.</summary>
    Exact,

    /// <summary>An independent long-MCMC set, for targets without an exact sampler.</summary>
    LongMcmc,
}

/// <summary>Names of <see cref="FloorSource"/> in tables and JSON.</summary>
public static class FloorSourceNames
{
    /// <summary>"exact" or "long-MCMC".</summary>
    public static string Label(this FloorSource source) => source == FloorSource.LongMcmc ? "long-MCMC" : "exact";
}
