namespace BoltzDrift.Benchmarks;

/// <summary>
/// Default budgets per built-in target, chosen so that a whole benchmark (BoltzDrift, four baselines at equal
/// evaluations and at equal time, three seeds) finishes in under ten minutes on a shared two-core machine.
/// Measured with 10^8 evaluations each: gmm4 179 s for seed 0 alone under heavy load (load average 20),
/// 334 s for three seeds at load 3-7; double-well 109 s (seed 0) and 203 s (three seeds); banana 202 s
/// (three seeds). Most of the time goes to the baselines at equal evaluations: on these 2-D targets an MCMC
/// evaluation costs 100-250 ns of wall time, a batched evaluation in BoltzDrift's training about 50 ns.
/// At 10^8 evaluations BoltzDrift's tuned configurations are far from converged on gmm4 and double-well
/// (127 of the 2,000 steps they were tuned for); pass a larger --budget-evals to compare converged samplers.
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
