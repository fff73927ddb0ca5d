using System.CommandLine;
using System.Text.Json.Nodes;
using BoltzDrift.Cli.Output;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Metrics;
using BoltzDrift.Training;
using BoltzDrift.References;

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
            Description = "Write the report as JSON to FILE: {target, n, mean_error, cov_error, mmd2_rbf_h1, floor: {...}} plus target statistics and "
            + "samples_nonfinite_energy_fraction (the samples where the target's energy is NaN or infinite). Without FILE, print only that JSON on stdout. "
            + "An existing FILE is replaced only with --force, and never when it is the --samples file.",
        };
        var quiet = new Option<bool>("--quiet") { Description = "No status lines; the table still prints." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the exact reference and floor samples.", DefaultValueFactory = _ => 12345 };
        var reference = ReferenceOption.Create();
        var force = OutputGuard.CreateForceOption("the --json FILE");
        var transport = new Option<bool>("--transport")
        {
            Description = "Also the field's metrics (docs/metrics.md; --transport-samples points per side): exact W2, sliced W2, Sinkhorn divergence (epsilon 1e-3), "
                + "energy W2, mode-weight error and EMC where the target has modes, median-bandwidth MMD^2; each with its floor, "
                + "JSON keys w2, sliced_w2, sinkhorn, energy_w2, mode_weight_error, emc, mmd2_rbf_median, and floor_source (exact, or long-MCMC for "
                + "targets without an exact sampler, which also get the symmetry-aware W2, sym_w2; see --reference). Takes tens of seconds (lj13: minutes).",
        };
        var transportSamples = new Option<int>("--transport-samples")
        {
            Description = "Points per side for --transport (docs/metrics.md: 1,000 for gmm40, 2,000 elsewhere).",
            DefaultValueFactory = _ => 2_000,
        };
        var protocol = new Option<string>("--protocol")
        {
            Description = "Convention of the --transport metrics: 'ours' (docs/metrics.md), or 'published', the field's as its reference code computes them "
                + "(mw5: harness Sinkhorn, epsilon 0.05 x mean squared cost; gmm25: W2 against a stratified ground truth; funnel10, manywell32: W2; "
                + "dw4, lj13: one-pass Hungarian-then-Kabsch geometric W2 and energy W2), each with its floor under the same convention. JSON key protocol.",
            DefaultValueFactory = _ => MetricProtocol.Ours.Label(),
        };
        protocol.AcceptOnlyFromAmong(MetricProtocol.Ours.Label(), MetricProtocol.Published.Label());
        var command = new Command("eval", "Evaluate samples against a target: mean and covariance error, RBF MMD^2, each next to its exact-sample floor.")
            { target, samples, json, seed, quiet, transport, transportSamples, reference, protocol, force };
        command.SetAction(r => CliRunner.Run(r, () =>
        {
            string? jsonFile = r.GetValue(json);
            bool jsonOnly = r.GetResult(json) is not null && jsonFile is null;
            var console = new CommandOutput(r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(quiet), jsonOnly);
            var t = Targets.Get(r.GetValue(target)!);
            string samplesPath = r.GetValue(samples)!;
            if (jsonFile is not null) OutputGuard.CheckFile(jsonFile, "--json", r.GetValue(force), samplesPath);
            var sampleSet = SampleFile.Read(samplesPath);
            bool withTransport = r.GetValue(transport);
            int n = r.GetValue(transportSamples);
            if (withTransport && n < 2) throw new ArgumentException($"--transport-samples must be at least 2, got {n}.");
            bool published = r.GetValue(protocol) == MetricProtocol.Published.Label();
            if (published && !withTransport) throw new ArgumentException("--protocol published applies to the transport metrics: add --transport.");
            var options = new TransportOptions { SampleSize = n };
            if (published) options = PublishedProtocol.For(t, options);
            // Found or made first, so that a damaged cache fails before any table prints.
            var referenceSet = withTransport && t.ExactSampler is null ? ReferenceOption.Resolve(t, r.GetValue(reference)!, console.Status) : null;
            var report = Evaluator.Evaluate(t, sampleSet, r.GetValue(seed));
            var document = JsonNode.Parse(report.ToJson())!.AsObject();
            double nonFinite = RunHealth.NonFiniteFraction(t.Energy, sampleSet);
            if (nonFinite > RunHealth.WarningFraction)
                console.Warning($"{100 * nonFinite:F1}% of the {sampleSet.Count:N0} samples lie where the energy of {t.Name} is not finite (NaN or ±∞).");
            foreach (string line in ReportTable.Lines(report)) console.Result(line);
            if (withTransport)
            {
                console.Status($"computing transport metrics ({n:N0} vs {n:N0} points, protocol {options.Protocol.Label()}) ...");
                var field = referenceSet switch
                {
                    null => TransportEvaluator.Evaluate(t, sampleSet, r.GetValue(seed), options),
                    DemReference dem => TransportEvaluator.Evaluate(t, sampleSet, dem, DemReference.Draws, r.GetValue(seed), options),
                    _ => TransportEvaluator.Evaluate(t, sampleSet, referenceSet, options),
                };
                foreach (string line in ReportTable.Lines(field)) console.Result(line);
                AddTransport(document, JsonNode.Parse(field.ToJson())!.AsObject());
            }
            document["samples_nonfinite_energy_fraction"] = nonFinite;
            string text = document.ToJsonString(Json.Options);
            if (jsonFile is not null) AtomicFile.WriteAllText(jsonFile, text);
            console.Document(document);
            return 0;
        }));
        return command;
    }

    /// <summary>Adds the transport metrics that were computed, and their floors, to the moments report's JSON.</summary>
    private static void AddTransport(JsonObject document, JsonObject field)
    {
        var floor = document["floor"]!.AsObject();
        var fieldFloor = field["floor"]!.AsObject();
        foreach (var (key, value) in field.ToList())
        {
            if (key is "target" or "n" or "seed" or "floor" || value is null) continue;
            document[key] = value.DeepClone();
            if (fieldFloor[key] is { } f) floor[key] = f.DeepClone();
        }
    }
}
