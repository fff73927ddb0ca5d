using System.CommandLine;
using System.Globalization;
using BoltzDrift.Suite;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Commands;

/// <summary>
/// <c>suite</c>: trains every suite target with the automatic settings and nothing else, checks each against its
/// acceptance criteria, and writes suite.md, suite.csv and suite.json (rewritten after every run, so a stopped
/// suite keeps what it finished); <c>suite collect</c> merges the folders of shards.
/// </summary>
internal static class SuiteCommand
{
    public static Command Create()
    {
        var targets = new Option<string?>("--targets") { Description = "Comma-separated suite cases (default: all; names as in the table, e.g. gmm4,manywell8,gmm2-d16)." };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds.", DefaultValueFactory = _ => "0,1,2" };
        var output = new Option<string>("--out") { Description = "Folder for suite.md, suite.csv, suite.json.", DefaultValueFactory = _ => Path.Combine("runs", "suite") };
        var shard = new Option<string?>("--shard") { Description = "I/N: run only items i with i mod N = I (0 ≤ I < N), for a job array; merge with `suite collect`." };
        var threads = new Option<int>("--threads") { Description = "Threads per training.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var reference = ReferenceOption.Create();
        var command = new Command("suite",
            "Train every suite target with the automatic settings (no per-target flags), check each against its acceptance criteria, "
            + "and write a pass/fail table with evaluations and wall time.")
            { targets, seeds, output, shard, threads, reference };

        var folders = new Argument<string[]>("folders") { Description = "Output folders of suite shards (each with a suite.json).", Arity = ArgumentArity.OneOrMore };
        var collectOut = new Option<string>("--out") { Description = "Folder for the merged tables.", Required = true };
        var collect = new Command("collect", "Merge the suite.json of several shard folders into one table.") { folders, collectOut };
        collect.SetAction(r => CliRunner.Run(r, _ =>
        {
            var cases = SuiteCatalog.Standard(r.GetValue(reference)!).Select(c => c.Name).ToList();
            var merged = SuiteTables.Collect(r.GetValue(folders)!, cases);
            SuiteTables.Write(r.GetValue(collectOut)!, merged);
            Console.Write(SuiteTables.Markdown(merged));
            return 0;
        }));
        command.Subcommands.Add(collect);

        command.SetAction(r => CliRunner.Run(r, cancel =>
        {
            var all = SuiteCatalog.Standard(r.GetValue(reference)!);
            var chosen = r.GetValue(targets) is { } list ? Select(all, list) : all;
            var (index, count) = ParseShard(r.GetValue(shard));
            var plan = SuiteRunner.Plan(chosen, BenchCommand.ParseSeeds(r.GetValue(seeds)!), index, count);
            string outDir = r.GetValue(output)!;
            var results = new List<SuiteResult>();
            Console.WriteLine($"suite: {plan.Count} runs (shard {index}/{count}) -> {outDir}");
            foreach (var (suiteCase, seed) in plan)
            {
                Console.WriteLine($"[{results.Count + 1}/{plan.Count}] {suiteCase.Name}, seed {seed} ...");
                var result = SuiteRunner.Run(suiteCase, seed, r.GetValue(threads), new StepPrinter(), cancel);
                results.Add(result);
                SuiteTables.Write(outDir, results);
                foreach (var k in result.Criteria)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {k.Name} = {k.Value:G4} ({k.Rule}{(k.Floor is double f ? $"; floor {f:G4}" : "")}): {(k.Passed ? "pass" : "FAIL")}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    trained in {result.TrainingSeconds:F0} s ({result.Settings})"));
            }
            Console.WriteLine($"suite finished: {results.Count(x => x.Passed)} of {results.Count} runs pass; tables in {outDir}");
            return 0;
        }));
        return command;
    }

    private static IReadOnlyList<SuiteCase> Select(IReadOnlyList<SuiteCase> all, string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => all.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"--targets: '{name}' is not a suite case (expected one of {string.Join(", ", all.Select(c => c.Name))}).")).ToList();

    private static (int Index, int Count) ParseShard(string? text)
    {
        if (text is null) return (0, 1);
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int i) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int n) && n >= 1 && i >= 0 && i < n)
            return (i, n);
        throw new ArgumentException($"--shard: '{text}' is not I/N with 0 ≤ I < N (e.g. 0/4).");
    }

    /// <summary>A line every 500 steps, so a long suite shows it is alive.</summary>
    private sealed class StepPrinter : IProgress<StepReport>
    {
        public void Report(StepReport value)
        {
            if (value.Step % 500 == 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      step {value.Step}, drift rms {value.DriftRms:G3}"));
        }
    }
}
