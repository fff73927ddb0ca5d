using System.Globalization;
using System.Text;
using System.Text.Json;
using BoltzDrift.IO;

namespace BoltzDrift.Suite;

/// <summary>The suite's results as Markdown, CSV and JSON (suite.md, suite.csv, suite.json), and the merge of shards.</summary>
public static class SuiteTables
{
    public const string JsonFile = "suite.json", MarkdownFile = "suite.md", CsvFile = "suite.csv";

    /// <summary>Writes the three tables into <paramref name="folder"/> (atomically, file by file).</summary>
    public static void Write(string folder, IReadOnlyList<SuiteResult> results)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, JsonFile), JsonSerializer.Serialize(results, Json.Options));
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFile), Markdown(results));
        AtomicFile.WriteAllText(Path.Combine(folder, CsvFile), Csv(results));
    }

    /// <summary>The results of every folder's suite.json, merged in case and seed order (a later duplicate replaces an earlier one).</summary>
    public static IReadOnlyList<SuiteResult> Collect(IEnumerable<string> folders, IReadOnlyList<string> caseOrder)
    {
        var merged = new Dictionary<(string, ulong), SuiteResult>();
        foreach (string folder in folders)
        {
            string path = Path.Combine(folder, JsonFile);
            if (!File.Exists(path)) throw new FileNotFoundException($"suite collect: no {JsonFile} in '{folder}'.", path);
            var results = JsonSerializer.Deserialize<List<SuiteResult>>(File.ReadAllText(path), Json.Options)
                ?? throw new InvalidDataException($"suite collect: '{path}' holds no results.");
            foreach (var r in results) merged[(r.Case, r.Seed)] = r;
        }
        return merged.Values.OrderBy(r => Order(caseOrder, r.Case)).ThenBy(r => r.Case).ThenBy(r => r.Seed).ToList();
    }

    private static int Order(IReadOnlyList<string> order, string name)
    {
        int i = order.ToList().IndexOf(name);
        return i < 0 ? int.MaxValue : i;
    }

    /// <summary>One row per (case, seed, criterion): value, floor, rule, pass/fail, evaluations, training time.</summary>
    public static string Markdown(IReadOnlyList<SuiteResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        int passed = results.Count(r => r.Passed);
        text.AppendLine(c, $"{passed} of {results.Count} (case, seed) runs pass every criterion.");
        text.AppendLine();
        text.AppendLine("| case | seed | criterion | value | floor | rule | pass | energy evals | gradient evals | train s | settings |");
        text.AppendLine("| --- | ---: | --- | ---: | ---: | --- | :---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            foreach (var k in r.Criteria)
                text.AppendLine(c, $"| {r.Case} | {r.Seed} | {k.Name} | {k.Value:G4} | {(k.Floor is double f ? f.ToString("G4", c) : "")} | {k.Rule} | {(k.Passed ? "pass" : "FAIL")} | {r.EnergyEvaluations:E2} | {r.GradientEvaluations:E2} | {r.TrainingSeconds:F0} | {r.Settings} |");
            text.AppendLine(c, $"| {r.Case} | {r.Seed} | training time | {r.TrainingSeconds:F0} s | | ≤ {r.MaxTrainingSeconds:F0} s | {(r.TrainingSeconds <= r.MaxTrainingSeconds ? "pass" : "FAIL")} | | | | |");
        }
        return text.ToString();
    }

    /// <summary>The same rows as <see cref="Markdown"/>, as CSV (invariant culture).</summary>
    public static string Csv(IReadOnlyList<SuiteResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder("case,seed,criterion,value,floor,rule,passed,energy_evals,gradient_evals,train_seconds,max_train_seconds,settings\n");
        static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
        foreach (var r in results)
            foreach (var k in r.Criteria)
                text.AppendLine(c, $"{r.Case},{r.Seed},{k.Name},{k.Value:R},{(k.Floor is double f ? f.ToString("R", c) : "")},{Quote(k.Rule)},{(k.Passed ? 1 : 0)},{r.EnergyEvaluations},{r.GradientEvaluations},{r.TrainingSeconds:F1},{r.MaxTrainingSeconds:F0},{Quote(r.Settings)}");
        return text.ToString();
    }
}
