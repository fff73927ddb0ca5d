using System.CommandLine;
using System.Text.Json.Nodes;
using BoltzDrift.Cli.Output;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Metrics;

namespace BoltzDrift.Cli.Commands;

internal static class EvalCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Built-in target the samples should follow.", Required = true };
        var samples = new Option<string>("--samples") { Description = "Samples file (.npy or .csv, shape [n, d]).", Required = true };
        // --json FILE writes the report there (the table still prints); a bare --json prints only the JSON, for scripts.
        var json = new Option<string?>("--json")
        {
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "FILE",
            Description = "Write the report as JSON to FILE: {target, n, mean_error, cov_error, mmd2_rbf_h1, floor: {...}} plus target statistics. Without FILE, print only that JSON on stdout.",
        };
        var quiet = new Option<bool>("--quiet") { Description = "No status lines; the table still prints." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the exact reference and floor samples.", DefaultValueFactory = _ => 12345 };
        var command = new Command("eval", "Evaluate samples against a target: mean and covariance error, RBF MMD^2, each next to its exact-sample floor.")
            { target, samples, json, seed, quiet };
        command.SetAction(r => CliRunner.Run(r, _ =>
        {
            string? jsonFile = r.GetValue(json);
            bool jsonOnly = r.GetResult(json) is not null && jsonFile is null;
            var console = new CommandOutput(r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(quiet), jsonOnly);
            var t = Targets.Get(r.GetValue(target)!);
            var report = Evaluator.Evaluate(t, SampleFile.Read(r.GetValue(samples)!), r.GetValue(seed));
            string document = report.ToJson();
            if (jsonFile is not null) File.WriteAllText(jsonFile, document);
            foreach (string line in ReportTable.Lines(report)) console.Result(line);
            console.Document(JsonNode.Parse(document)!);
            return 0;
        }));
        return command;
    }
}
