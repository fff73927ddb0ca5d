namespace BoltzDrift.Suite;

/// <summary>One trained and evaluated (case, seed) of the suite.</summary>
public sealed record SuiteResult
{
    public required string Case { get; init; }
    public required ulong Seed { get; init; }
    public required IReadOnlyList<CriterionResult> Criteria { get; init; }
    /// <summary>Energy evaluations of pilot and training together.</summary>
    public required long EnergyEvaluations { get; init; }
    /// <summary>Gradient and Hessian evaluations of pilot and training together.</summary>
    public required long GradientEvaluations { get; init; }
    public required double TrainingSeconds { get; init; }
    public required double MaxTrainingSeconds { get; init; }
    /// <summary>The settings the pilot derived, in words.</summary>
    public required string Settings { get; init; }

    /// <summary>Every criterion met, within the time limit.</summary>
    public bool Passed => Criteria.All(c => c.Passed) && TrainingSeconds <= MaxTrainingSeconds;
}
