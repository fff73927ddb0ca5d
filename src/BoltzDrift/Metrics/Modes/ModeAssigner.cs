namespace BoltzDrift.Metrics.Modes;

/// <summary>
/// Assigns a point to a mode: returns its index in [0, K), or -1 when the point belongs to none
/// (a non-finite point, for instance), in which case it is counted apart rather than in any mode.
/// </summary>
public delegate int ModeAssigner(ReadOnlySpan<double> point);
