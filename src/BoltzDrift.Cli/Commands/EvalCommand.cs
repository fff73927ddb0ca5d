using System.CommandLine;
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
        var json = new Option<string?>("--json") { Description = "Also write the report as JSON to this file." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the exact reference and floor samples.", DefaultValueFactory = _ => 12345 };
        var command = new Command("eval", "Evaluate samples against a target: mean and covariance error, RBF MMD^2, each next to its exact-sample floor.")
            { target, samples, json, seed };
        command.SetAction(r => CliRunner.Run(_ =>
        {
            var t = Targets.Get(r.GetValue(target)!);
            var report = Evaluator.Evaluate(t, SampleFile.Read(r.GetValue(samples)!), r.GetValue(seed));
            ReportTable.Print(report);
            if (r.GetValue(json) is { } path) File.WriteAllText(path, report.ToJson());
            return 0;
        }));
        return command;
    }
}
