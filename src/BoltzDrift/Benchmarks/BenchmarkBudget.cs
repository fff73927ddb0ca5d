using System.Globalization;
using System.Text.Json.Serialization;

namespace BoltzDrift.Benchmarks;

/// <summary>What a benchmark budget limits.</summary>
public enum BudgetKind
{
    /// <summary>Target evaluations: energy values plus gradients, a gradient counting as one evaluation.</summary>
    [JsonStringEnumMemberName("evaluations")] Evaluations,
    /// <summary>Wall-clock seconds.</summary>
    [JsonStringEnumMemberName("seconds")] Seconds,
}

/// <summary>
/// The budget BoltzDrift is trained under in a benchmark: a number of target evaluations (energy values
/// plus gradients, a gradient counted as one evaluation, as <see cref="Energies.EvaluationCounts"/> counts
/// them) or a wall time. The baselines are then given what BoltzDrift actually used.
/// </summary>
/// <param name="Kind">Which resource is limited.</param>
/// <param name="Amount">How much: evaluations, or seconds.</param>
public sealed record BenchmarkBudget(BudgetKind Kind, double Amount)
{
    /// <summary>A budget of <paramref name="count"/> target evaluations.</summary>
    public static BenchmarkBudget Evaluations(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(BudgetKind.Evaluations, count);
    }

    /// <summary>A budget of <paramref name="seconds"/> seconds of wall time.</summary>
    public static BenchmarkBudget Seconds(double seconds)
    {
        if (!(seconds > 0) || !double.IsFinite(seconds))
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "The time budget must be a positive number of seconds.");
        return new(BudgetKind.Seconds, seconds);
    }

    /// <summary>For example "2.5e8 evaluations" or "30 s".</summary>
    public override string ToString() => Kind == BudgetKind.Evaluations
        ? NumberFormat.Compact(Amount) + " evaluations"
        : Amount.ToString("G4", CultureInfo.InvariantCulture) + " s";
}
