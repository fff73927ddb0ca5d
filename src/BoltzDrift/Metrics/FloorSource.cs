namespace BoltzDrift.Metrics;

/// <summary>Where the noise floor's independent set comes from (docs/metrics.md).</summary>
public enum FloorSource
{
    /// <summary>Exact samples of the target.</summary>
    Exact,

    /// <summary>An independent long-MCMC set, for targets without an exact sampler.</summary>
    LongMcmc,

    /// <summary>Disjoint random draws from the field's DEM test split (dw4, lj13).</summary>
    DemSplit,
}

/// <summary>Names of <see cref="FloorSource"/> in tables and JSON.</summary>
public static class FloorSourceNames
{
    /// <summary>"exact", "long-MCMC" or "DEM split".</summary>
    public static string Label(this FloorSource source) => source switch
    {
        FloorSource.LongMcmc => "long-MCMC",
        FloorSource.DemSplit => "DEM split",
        _ => "exact",
    };
}
