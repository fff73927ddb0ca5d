using System.Text.Json.Serialization;

namespace BoltzDrift.Benchmarks;

/// <summary>How a method's resources were set in a benchmark.</summary>
public enum BudgetMatch
{
    /// <summary>The method the budget is given to: BoltzDrift, trained under it.</summary>
    [JsonStringEnumMemberName("budget")] Budget,
    /// <summary>A baseline given as many target evaluations as BoltzDrift's training used.</summary>
    [JsonStringEnumMemberName("equal-evaluations")] EqualEvaluations,
    /// <summary>A baseline given as much wall time as BoltzDrift took to train and draw its samples.</summary>
    [JsonStringEnumMemberName("equal-time")] EqualTime,
}

/// <summary>Short labels of <see cref="BudgetMatch"/> for tables.</summary>
public static class BudgetMatchLabels
{
    /// <summary>"budget", "= evals" or "= time".</summary>
    public static string Label(this BudgetMatch match) => match switch
    {
        BudgetMatch.Budget => "budget",
        BudgetMatch.EqualEvaluations => "= evals",
        BudgetMatch.EqualTime => "= time",
        _ => throw new ArgumentOutOfRangeException(nameof(match), match, null),
    };
}
