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
        var reportFile = new Option<string?>("--out") { Description = "Also write the report as JSON to this file." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the exact reference and floor samples.", DefaultValueFactory = _ => 12345 };
        var outputOptions = new OutputOptions();
        var command = new Command("eval", "Evaluate samples against a target: mean and covariance error, RBF MMD^2, each next to its exact-sample floor.")
            { target, samples, reportFile, seed };
        outputOptions.AddTo(command);
        command.SetAction(r => CliRunner.Run(r, _ =>
        {
            var console = outputOptions.Resolve(r);
            var t = Targets.Get(r.GetValue(target)!);
            var report = Evaluator.Evaluate(t, SampleFile.Read(r.GetValue(samples)!), r.GetValue(seed));
            string json = report.ToJson();
            if (r.GetValue(reportFile) is { } path) File.WriteAllText(path, json);
            foreach (string line in ReportTable.Lines(report)) console.Result(line);
            console.Document(JsonNode.Parse(json)!);
            return 0;
        }));
        return command;
    }
}
