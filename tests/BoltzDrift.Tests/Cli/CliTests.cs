using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Numerics;
using BoltzDrift.References;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Cli;

/// <summary>The CLI writes to the process-wide Console, which these tests redirect: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console (process-wide)";
}

/// <summary>
/// Runs the CLI in-process through its entry point (Program.cs's top-level statements, reached as the assembly's
/// entry point), capturing stdout and stderr.
/// </summary>
internal static class CliProcess
{
    private static readonly MethodInfo EntryPoint = Assembly.Load("BoltzDrift.Cli").EntryPoint
        ?? throw new InvalidOperationException("BoltzDrift.Cli has no entry point");

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var (savedOut, savedError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int exit = (int)EntryPoint.Invoke(null, [args])!;
            return (exit, output.ToString(), error.ToString());
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }
}

[Collection(ConsoleCollection.Name)]
public sealed class CliTests : IDisposable
{
    private const int UserError = 2, Diverged = 3;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A tiny but complete training run: a few hundred milliseconds.</summary>
    private static readonly string[] TinyTraining =
        ["--steps", "4", "--batch", "32", "--proposals", "4", "--width", "8", "--layers", "1", "--threads", "1", "--quiet"];

    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got {lines.Length}: {text}");
        return lines[0].TrimEnd('\r');
    }

    [Fact]
    public void Targets_lists_the_built_in_targets()
    {
        var (exit, output, error) = CliProcess.Run("targets");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var names = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]);
        Assert.Equal(BoltzDrift.Energies.Targets.Names, names);
    }

    [Theory]
    [InlineData("train", "--out", "run")]
    [InlineData("demo", "--out", "run")]
    [InlineData("eval", "--samples", "s.npy")]
    [InlineData("bench-speed", "--repeats", "1")]
    public void Unknown_target_is_one_line_naming_it_with_exit_code_2(string command, string option, string value)
    {
        if (value.Contains('.') || value == "run") value = _dir.File(value);
        var (exit, output, error) = CliProcess.Run(command, "--target", "gmm5", option, value);
        Assert.Equal(UserError, exit);
        Assert.Equal($"error: Unknown target 'gmm5'. Known targets: {string.Join(", ", BoltzDrift.Energies.Targets.Names)}.", OneLine(error));
        Assert.Equal("", output);
        Assert.False(Directory.Exists(_dir.File("run")));
    }

    [Theory]
    [InlineData("--bandwidths", "0.3,0", "Bandwidths must be positive and finite, got 0.")]
    [InlineData("--bandwidths", "0.3,-1,2", "Bandwidths must be positive and finite, got -1.")]
    [InlineData("--bandwidths", "0.3,x", "--bandwidths: 'x' is not a number")]
    [InlineData("--bandwidth-floors", "0.1", "--bandwidth-floors has 1 values but there are 3 bandwidths.")]
    [InlineData("--lr", "0", "--lr must be positive and finite, got 0.")]
    public void Invalid_training_options_are_one_line_errors_before_anything_is_written(string option, string value, string message)
    {
        string run = _dir.File("run");
        var (exit, _, error) = CliProcess.Run("train", "--target", "gmm4", "--out", run, option, value);
        Assert.Equal(UserError, exit);
        string line = OneLine(error);
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Missing_required_options_are_parse_errors()
    {
        var (exit, _, error) = CliProcess.Run("train", "--out", _dir.File("run"));
        Assert.NotEqual(0, exit);
        Assert.Contains("--target", error);
    }

    [Fact]
    public void Sample_from_a_corrupted_checkpoint_is_a_clear_error()
    {
        string run = _dir.File("run");
        Assert.Equal(0, CliProcess.Run(["train", "--target", "gmm4", "--out", run, .. TinyTraining]).Exit);
        var directory = new RunDirectory(run);
        byte[] bytes = File.ReadAllBytes(directory.ModelFile);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(directory.ModelFile, bytes);

        var (exit, output, error) = CliProcess.Run("sample", "--run", run, "--count", "10", "--out", _dir.File("s.npy"));
        Assert.Equal(UserError, exit);
        Assert.Equal($"error: '{directory.ModelFile}' is not a valid BoltzDrift checkpoint: checksum mismatch (the file is corrupted or truncated).", OneLine(error));
        Assert.Equal("", output);
        Assert.False(File.Exists(_dir.File("s.npy")));

        File.WriteAllText(directory.ModelFile, "{\"not\": \"a checkpoint\"}");
        (exit, _, error) = CliProcess.Run("sample", "--run", run, "--count", "10", "--out", _dir.File("s.npy"));
        Assert.Equal(UserError, exit);
        Assert.Contains("wrong magic bytes (not a checkpoint file)", OneLine(error));
    }

    [Fact]
    public void Sample_from_a_folder_without_a_model_is_a_clear_error()
    {
        var (exit, _, error) = CliProcess.Run("sample", "--run", _dir.File("nothing-here"), "--out", _dir.File("s.npy"));
        Assert.Equal(UserError, exit);
        Assert.Contains("No model in", OneLine(error));
        (exit, _, error) = CliProcess.Run("sample", "--run", _dir.Path, "--out", _dir.File("s.txt"));
        Assert.Equal(UserError, exit);
        Assert.Contains("must end in .npy or .csv", OneLine(error));
    }

    [Fact]
    public void Train_sample_eval_pipeline_works_end_to_end()
    {
        string run = _dir.File("run"), samples = _dir.File("s.csv"), json = _dir.File("report.json");
        var (exit, output, error) = CliProcess.Run(["train", "--target", "banana", "--out", run, .. TinyTraining]);
        Assert.True(exit == 0, error);
        Assert.Contains("model written to", output);
        (exit, _, error) = CliProcess.Run("sample", "--run", run, "--count", "200", "--seed", "3", "--out", samples);
        Assert.True(exit == 0, error);
        Assert.Equal(200, SampleFile.Read(samples).Count);
        (exit, output, error) = CliProcess.Run("eval", "--target", "banana", "--samples", samples, "--json", json);
        Assert.True(exit == 0, error);
        Assert.Contains("mean error", output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(200, report.RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Sample_applies_the_centre_of_mass_projection_recorded_with_a_dw4_model()
    {
        double LargestCentreOfMass(params string[] trainFlags)
        {
            string run = _dir.File($"run-{trainFlags.Length}"), samples = _dir.File($"s-{trainFlags.Length}.npy");
            var (exit, _, error) = CliProcess.Run(["train", "--target", "dw4", "--out", run, .. TinyTraining, .. trainFlags]);
            Assert.True(exit == 0, error);
            (exit, _, error) = CliProcess.Run("sample", "--run", run, "--count", "500", "--out", samples);
            Assert.True(exit == 0, error);
            return Training.CentredParticlesTests.LargestCentreOfMass(SampleFile.Read(samples), Targets.Get("dw4").Particles!.Value);
        }
        Assert.True(LargestCentreOfMass() < 1e-5);
        Assert.True(LargestCentreOfMass("--centre-of-mass", "off") > 0.1);
    }

    [Fact]
    public void Train_refuses_to_overwrite_a_run_and_resume_continues_it()
    {
        string run = _dir.File("run");
        Assert.Equal(0, CliProcess.Run(["train", "--target", "gmm4", "--out", run, .. TinyTraining]).Exit);
        byte[] model = File.ReadAllBytes(new RunDirectory(run).ModelFile);

        var (exit, _, error) = CliProcess.Run(["train", "--target", "gmm4", "--out", run, .. TinyTraining]);
        Assert.Equal(UserError, exit);
        Assert.Contains("already holds a run; continue it with `train --resume`", OneLine(error));
        Assert.Equal(model, File.ReadAllBytes(new RunDirectory(run).ModelFile));

        (exit, _, error) = CliProcess.Run("train", "--resume", run, "--quiet");
        Assert.Equal(UserError, exit);
        Assert.Contains("already completed 4 of 4 steps", OneLine(error));
        (exit, _, error) = CliProcess.Run("train", "--resume", run, "--width", "16", "--quiet");
        Assert.Equal(UserError, exit);
        Assert.Contains("only --steps, --threads and --checkpoint-every may change", OneLine(error));

        (exit, _, error) = CliProcess.Run("train", "--resume", run, "--steps", "6", "--quiet");
        Assert.True(exit == 0, error);
        Assert.Equal(6, Checkpoint.Load(new RunDirectory(run).ModelFile).State.Step);
        Assert.Equal(7, File.ReadAllLines(new RunDirectory(run).LogFile).Length);
    }

    [Theory]
    [InlineData("x^2 + (y", "2", "error: --energy: column 9: expected ')' to close the '(' at column 7, found end of input")]
    [InlineData("foo(x)", "2", "error: --energy: column 1: unknown function 'foo'")]
    [InlineData("x0 + x3", "2", "error: --energy: column 6: variable x3 out of range for dimension 2")]
    [InlineData("x^2", null, "error: --energy needs --dim D")]
    [InlineData("x^2", "0", "error: --dim must be at least 1, got 0.")]
    public void Malformed_energy_expressions_are_one_line_errors_naming_the_problem(string expression, string? dim, string message)
    {
        string run = _dir.File("run");
        string[] args = dim is null ? ["train", "--energy", expression, "--out", run] : ["train", "--energy", expression, "--dim", dim, "--out", run];
        var (exit, _, error) = CliProcess.Run(args);
        Assert.Equal(UserError, exit);
        Assert.StartsWith(message, OneLine(error));
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void An_energy_expression_trains_and_its_run_records_the_expression()
    {
        string run = _dir.File("run");
        const string banana = "x^2/(2*1.5^2) + (y - 0.5*(x^2 - 1.5^2))^2/(2*0.5^2)";
        var (exit, _, error) = CliProcess.Run(["train", "--energy", banana, "--dim", "2", "--out", run, "--no-plots", .. TinyTraining]);
        Assert.True(exit == 0, error);
        var config = Checkpoint.Load(new RunDirectory(run).ModelFile).Config;
        Assert.Equal((banana, 2, "expression"), (config.Energy, config.Dimension, config.Target));
        Assert.Contains(banana, File.ReadAllText(new RunDirectory(run).ConfigFile));
        Assert.Equal(0, CliProcess.Run("sample", "--run", run, "--count", "10", "--out", _dir.File("s.csv")).Exit);
    }

    [Fact]
    public void A_diverging_run_exits_with_code_3()
    {
        var (exit, _, error) = CliProcess.Run(["train", "--target", "gmm4", "--out", _dir.File("run"), .. TinyTraining, "--lr", "1e30"]);
        Assert.Equal(Diverged, exit);
        Assert.StartsWith("error: Training diverged at step", OneLine(error));
    }

    [Theory]
    [InlineData("gmm4", new string[0])]
    [InlineData("banana", new string[0])]
    [InlineData("double-well", new[] { "p_x1_pos", "p_x1_pos_exact" })]
    public void Eval_json_has_exactly_the_documented_keys(string target, string[] statistics)
    {
        var t = Targets.Get(target);
        var rng = new Rng(51);
        string samples = _dir.File("s.npy"), json = _dir.File("report.json");
        SampleFile.Write(samples, t.ExactSampler!.Sample(300, ref rng));

        var (exit, _, error) = CliProcess.Run("eval", "--target", target, "--samples", samples, "--json", json);
        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal(["target", "n", "mean_error", "cov_error", "mmd2_rbf_h1", "floor", "floor_spread", "floor_replicates", .. statistics, "samples_nonfinite_energy_fraction"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["mean_error", "cov_error", "mmd2_rbf_h1"], root.GetProperty("floor").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["mean_error", "cov_error", "mmd2_rbf_h1"], root.GetProperty("floor_spread").EnumerateObject().Select(p => p.Name));
        Assert.Equal(target, root.GetProperty("target").GetString());
        Assert.Equal(300, root.GetProperty("n").GetInt32());
        foreach (var p in root.EnumerateObject().Where(p => p.Name is not ("target" or "n" or "floor" or "floor_spread")))
            Assert.Equal(JsonValueKind.Number, p.Value.ValueKind);
        if (target == "double-well")
            Assert.Equal(DoubleWellEnergy.RightWellProbability, root.GetProperty("p_x1_pos_exact").GetDouble());
    }

    [Fact]
    public void Eval_transport_on_dw4_uses_the_cached_reference_and_labels_the_floor_long_MCMC()
    {
        var (references, samples) = TinyDw4Reference.Cache(_dir);
        string json = _dir.File("report.json");
        var (exit, output, error) = CliProcess.Run("eval", "--target", "dw4", "--samples", samples, "--transport", "--transport-samples", "60",
            "--reference", references, "--json", json);

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("generating", output);
        Assert.All(["reference: 320 long-MCMC samples from 8 chains", "long-MCMC floor", "symmetry-aware W2", "energy W2"], text => Assert.Contains(text, output));
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal(["target", "n", "mean_error", "cov_error", "mmd2_rbf_h1", "floor", "floor_spread", "floor_replicates", "w2", "sym_w2", "sliced_w2", "energy_w2", "sinkhorn",
            "mmd2_rbf_median", "nonfinite_energies", "floor_source", "protocol", "draws", "sinkhorn_epsilon", "sliced_directions", "mmd_bandwidth", "samples_nonfinite_energy_fraction"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("long-MCMC", root.GetProperty("floor_source").GetString());
        Assert.True(root.GetProperty("floor").GetProperty("sym_w2").GetDouble() > 0);
        Assert.True(root.GetProperty("sym_w2").GetDouble() > 0);
    }

    [Fact]
    public void A_damaged_cached_reference_is_a_one_line_error_before_any_table()
    {
        var (references, samples) = TinyDw4Reference.Cache(_dir);
        string samplesFile = ReferenceCache.SamplesPath(references, "dw4", 0);
        File.WriteAllBytes(samplesFile, File.ReadAllBytes(samplesFile)[..200]);
        var (exit, output, error) = CliProcess.Run("eval", "--target", "dw4", "--samples", samples, "--transport", "--reference", references, "--quiet");
        Assert.Equal(UserError, exit);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {samplesFile}: its SHA-256 differs from the manifest's", error);

        File.WriteAllText(ReferenceCache.ManifestPath(references, "dw4", 0), "{ not json");
        (exit, _, error) = CliProcess.Run("eval", "--target", "dw4", "--samples", samples, "--transport", "--reference", references, "--quiet");
        Assert.Equal(UserError, exit);
        Assert.StartsWith($"error: {ReferenceCache.ManifestPath(references, "dw4", 0)}: not a reference manifest", error);
    }
}
