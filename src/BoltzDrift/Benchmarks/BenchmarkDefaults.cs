namespace BoltzDrift.Benchmarks;

/// <summary>
/// Default budgets per built-in target, chosen so that a whole benchmark (BoltzDrift, four baselines at equal
/// evaluations and at equal time, three seeds) finishes in under ten minutes on a two-core machine.
/// </summary>
public static class BenchmarkDefaults
{
    /// <summary>The default budget for <paramref name="target"/>.</summary>
    public static BenchmarkBudget BudgetFor(string target) => BenchmarkBudget.Evaluations(target.ToLowerInvariant() switch
    {
        "gmm4" => 100_000_000,
        "double-well" => 100_000_000,
        "banana" => 100_000_000,
        _ => 100_000_000,
    });
}
