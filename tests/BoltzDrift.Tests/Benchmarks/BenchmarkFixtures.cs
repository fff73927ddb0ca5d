using BoltzDrift.Benchmarks;
using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Tests.Benchmarks;

/// <summary>Targets and settings small enough for unit tests, and hand-made runs for the writers.</summary>
internal static class BenchmarkFixtures
{
    /// <summary>gmm4 with its energy wrapped in a counter the test can read (exact sampler and moments unchanged).</summary>
    public static (Target Target, CountingEnergy Counter) CountedGmm4() => Counted("gmm4");

    /// <summary>A built-in target with its energy wrapped in a counter the test can read.</summary>
    public static (Target Target, CountingEnergy Counter) Counted(string name)
    {
        var builtIn = Targets.Get(name);
        var counter = new CountingEnergy(builtIn.Energy);
        return (new Target
        {
            Name = builtIn.Name,
            Description = builtIn.Description,
            Energy = counter,
            ExactSampler = builtIn.ExactSampler,
            Mean = builtIn.Mean,
            Covariance = builtIn.Covariance,
            LogZ = builtIn.LogZ,
            Statistics = builtIn.Statistics,
        }, counter);
    }

    /// <summary>16 chains, few evaluated samples, one thread.</summary>
    public static McmcSettings SmallMcmc => new() { Chains = 16, EvaluatedSamples = 400, Parallelism = Parallelism.Serial };

    public static long Total(EvaluationCounts counts) => counts.Energy + counts.Gradient + counts.Hessian;

    /// <summary>A run with round numbers, as a benchmark would record it.</summary>
    public static MethodRun Run(string method, BudgetMatch match, ulong seed, double? ess, double meanError = 0.1) => new()
    {
        Method = method,
        Match = match,
        Seed = seed,
        Metrics =
        [
            new("mean_error", "mean err", meanError, 0.01),
            new("cov_error", "cov err", 2 * meanError, 0.02),
            new("p_x1_pos", "p_x1_pos", 0.8, null, 0.844307),
        ],
        EvaluatedSamples = 1000,
        EnergyEvaluations = ess is null ? 1_000_000 : 0,
        GradientEvaluations = ess is null ? 0 : 1_000_000,
        SetupSeconds = 10,
        SamplingSeconds = 2,
        Steps = 100,
        Draws = ess is null ? 1000 : 100_000,
        EffectiveSampleSize = ess,
        PeakManagedBytes = 3 * 1024 * 1024,
        Details = "hand-made, with a \"quote\", and a comma",
    };

    /// <summary>A two-seed benchmark result of BoltzDrift and one baseline at equal evaluations, built by hand.</summary>
    public static BenchmarkResult Result()
    {
        var runs = new List<MethodRun>();
        var points = new List<BreakEvenPoint>();
        foreach (ulong seed in new ulong[] { 0, 1 })
        {
            var drift = Run("boltzdrift", BudgetMatch.Budget, seed, null, 0.1 + seed * 0.01);
            var mala = Run("mala", BudgetMatch.EqualEvaluations, seed, 500 + seed * 100, 0.2);
            runs.Add(drift);
            runs.Add(mala);
            points.Add(BreakEvenPoint.Compare(drift, mala));
        }
        return new BenchmarkResult
        {
            Target = "double-well",
            Budget = BenchmarkBudget.Evaluations(1_000_000),
            Seeds = [0, 1],
            SampleCount = 1000,
            McmcChains = 16,
            Baselines = new Dictionary<string, string> { ["mala"] = "MALA" },
            Runs = runs,
            Summaries = [MethodSummary.Of(runs.Where(r => r.Method == "boltzdrift").ToList()), MethodSummary.Of(runs.Where(r => r.Method == "mala").ToList())],
            BreakEvenPoints = points,
            BreakEven = [BreakEvenSummary.Of(points)],
            WallSeconds = 60,
            ProcessPeakWorkingSetBytes = 100 * 1024 * 1024,
        };
    }
}
