namespace BoltzDrift.Metrics;

/// <summary>Which convention transport metrics follow.</summary>
public enum MetricProtocol
{
    /// <summary>BoltzDrift's (docs/metrics.md): exact metrics, i.i.d. exact references, symmetry-minimised W2.</summary>
    Ours,

    /// <summary>The field's, as read from each paper's reference code (<see cref="PublishedProtocol"/>).</summary>
    Published,
}

/// <summary>Names of <see cref="MetricProtocol"/> on command lines, in tables and JSON.</summary>
public static class MetricProtocolNames
{
    /// <summary>"ours" or "published".</summary>
    public static string Label(this MetricProtocol protocol) => protocol == MetricProtocol.Published ? "published" : "ours";
}
