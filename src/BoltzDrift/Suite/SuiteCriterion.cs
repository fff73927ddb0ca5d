namespace BoltzDrift.Suite;

/// <summary>One acceptance check of a suite case: a measured value, the rule it must meet, and the outcome.</summary>
/// <param name="Name">Short name, e.g. "cov_error".</param>
/// <param name="Value">The measured value.</param>
/// <param name="Floor">The same metric for exact (or reference) samples, where there is one.</param>
/// <param name="Rule">The rule in words, e.g. "≤ 2 × floor" or "&lt; 0.0425 (paper)".</param>
/// <param name="Passed">Whether <see cref="Value"/> meets <see cref="Rule"/>.</param>
public sealed record CriterionResult(string Name, double Value, double? Floor, string Rule, bool Passed)
{
    /// <summary>value ≤ limit.</summary>
    public static CriterionResult AtMost(string name, double value, double limit, string rule, double? floor = null) =>
        new(name, value, floor, rule, value <= limit);
}
