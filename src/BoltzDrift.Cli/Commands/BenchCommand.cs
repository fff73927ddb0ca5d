using System.CommandLine;
using System.Globalization;
using BoltzDrift.Benchmarks;
using BoltzDrift.Energies;

namespace BoltzDrift.Cli.Commands;

/// <summary>
/// <c>bench</c>: BoltzDrift against RWM, MALA, HMC and parallel tempering on one target at equal target
/// evaluations and equal wall time; prints a Markdown table and the break-even counts, and writes
/// bench.md, bench.csv and bench.json.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Built-in target (see `targets`).", Required = true };
        var budgetEvals = new Option<long?>("--budget-evals") { Description = "Train BoltzDrift on this many target evaluations (energy + gradient). Default: a per-target budget." };
        var budgetSeconds = new Option<double?>("--budget-seconds") { Description = "Train BoltzDrift for this many seconds instead of an evaluation budget." };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds; every method runs once per seed.", DefaultValueFactory = _ => "0,1,2" };
        var output = new Option<string?>("--out") { Description = "Output folder for bench.md, bench.csv, bench.json (default runs/bench-<target>)." };
        var samples = new Option<int>("--samples") { Description = "Samples per method the metrics are computed on.", DefaultValueFactory = _ => 100_000 };
        var chains = new Option<int>("--chains") { Description = "Chains of every MCMC baseline (parallel tempering: ladders).", DefaultValueFactory = _ => 128 };
        var noEqualTime = new Option<bool>("--no-equal-time") { Description = "Run the baselines at equal evaluations only (halves the baselines' time)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines." };
        var reference = ReferenceOption.Create();
        var command = new Command("bench",
            "Benchmark BoltzDrift against MCMC baselines (RWM, MALA, HMC, parallel tempering) at equal evaluations and equal wall time: " +
            "metrics with exact-sample (dw4, lj13: long-MCMC) floors, costs, ESS/s and break-even sample counts.")
            { target, budgetEvals, budgetSeconds, seeds, output, samples, chains, noEqualTime, quiet, reference };
        command.SetAction(r => CliRunner.Run(r, cancel =>
        {
            var t = Targets.Get(r.GetValue(target)!);
            var budget = ResolveBudget(t.Name, r.GetValue(budgetEvals), r.GetValue(budgetSeconds));
            var options = new BenchmarkOptions
            {
                Budget = budget,
                Seeds = ParseSeeds(r.GetValue(seeds)!),
                SampleCount = r.GetValue(samples),
                Mcmc = new McmcSettings { Chains = r.GetValue(chains) },
                EqualTimeBaselines = !r.GetValue(noEqualTime),
                Reference = t.ExactSampler is null ? ReferenceOption.Resolve(t, r.GetValue(reference)!, Console.WriteLine) : null,
            };
            string outDir = r.GetValue(output) ?? Path.Combine("runs", "bench-" + t.Name);
            Directory.CreateDirectory(outDir);
            Console.WriteLine($"bench {t.Name}: budget {budget}, seeds {string.Join(",", options.Seeds)}, {options.SampleCount:N0} evaluated samples per method, " +
                $"baselines {string.Join(", ", options.Baselines.Select(b => b.Name))} with {options.Mcmc.Chains} chains -> {outDir}");

            var result = Benchmark.Run(t, options, new BenchProgressPrinter(r.GetValue(quiet)), cancel);

            string markdown = BenchmarkMarkdown.Render(result);
            File.WriteAllText(Path.Combine(outDir, "bench.md"), markdown);
            File.WriteAllText(Path.Combine(outDir, "bench.csv"), BenchmarkCsv.Render(result));
            File.WriteAllText(Path.Combine(outDir, "bench.json"), BenchmarkJson.Render(result));
            Console.WriteLine();
            Console.Write(markdown);
            Console.WriteLine();
            PrintBreakEven(result);
            Console.WriteLine($"bench finished in {result.WallSeconds:F0} s; wrote bench.md, bench.csv and bench.json to {outDir}");
            return 0;
        }));
        return command;
    }

    /// <summary>The budget given on the command line, or the target's default; not both kinds.</summary>
    private static BenchmarkBudget ResolveBudget(string target, long? evaluations, double? seconds) => (evaluations, seconds) switch
    {
        ({ }, { }) => throw new ArgumentException("Give either --budget-evals or --budget-seconds, not both."),
        ({ } n, null) => n >= 1 ? BenchmarkBudget.Evaluations(n) : throw new ArgumentException($"--budget-evals must be positive, got {n}."),
        (null, { } s) => s > 0 && double.IsFinite(s) ? BenchmarkBudget.Seconds(s) : throw new ArgumentException($"--budget-seconds must be positive, got {s}."),
        _ => BenchmarkDefaults.BudgetFor(target),
    };

    internal static ulong[] ParseSeeds(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(part => ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            ? seed
            : throw new ArgumentException($"--seeds: '{part}' is not a seed (expected a comma-separated list such as 0,1,2).")).ToArray();

    /// <summary>One plain sentence per baseline and match: after how many samples BoltzDrift is cheaper.</summary>
    private static void PrintBreakEven(BenchmarkResult result)
    {
        Console.WriteLine("break-even (BoltzDrift samples after which its cost per sample beats the baseline's cost per effective sample):");
        foreach (var b in result.BreakEven)
            Console.WriteLine($"  {b.Method,-8} {b.Match.Label(),-8} in evaluations: {NumberFormat.Compact(b.SamplesByEvaluations),-18} in wall time: {NumberFormat.Compact(b.SamplesByTime)}");
    }
}
