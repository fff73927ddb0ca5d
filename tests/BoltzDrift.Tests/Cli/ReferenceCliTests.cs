using System.Text.Json;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Numerics;
using BoltzDrift.References;
using BoltzDrift.Tests.Energies.Field;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Cli;

/// <summary><c>eval --transport</c> and <c>bench</c> on dw4, against a tiny long-MCMC reference cached in a temporary folder.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReferenceCliTests : IDisposable
{
    private const int UserError = 2;
    private readonly TempDirectory _dir = new();
    private readonly string _references, _samples;

    /// <summary>Caches a tiny dw4 reference (seed 0: 8 chains x 40 draws) and writes 320 samples of other chains.</summary>
    public ReferenceCliTests()
    {
        var dw4 = Targets.Get("dw4");
        _references = _dir.File("references");
        ReferenceCache.Save(_references, ReferenceGenerator.Generate(dw4, ReferenceGenerationTests.Tiny(0) with { Chains = 8 }, Parallelism.Serial));
        _samples = _dir.File("s.npy");
        SampleFile.Write(_samples, ReferenceGenerator.Generate(dw4, ReferenceGenerationTests.Tiny(1) with { Chains = 8 }, Parallelism.Serial).Samples);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Eval_transport_on_dw4_uses_the_cached_reference_and_labels_the_floor_long_MCMC()
    {
        string json = _dir.File("report.json");
        var (exit, output, error) = CliProcess.Run("eval", "--target", "dw4", "--samples", _samples, "--transport", "--transport-samples", "60",
            "--reference", _references, "--json", json);

        Assert.True(exit == 0, error);
        Assert.Contains("reference: 320 long-MCMC samples from 8 chains", output);
        Assert.DoesNotContain("generating", output);
        Assert.Contains("long-MCMC floor", output);
        Assert.Contains("symmetry-aware W2", output);
        Assert.Contains("energy W2", output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal(["target", "n", "mean_error", "cov_error", "mmd2_rbf_h1", "floor", "w2", "sym_w2", "sliced_w2", "energy_w2", "sinkhorn",
            "mmd2_rbf_median", "nonfinite_energies", "floor_source", "sinkhorn_epsilon", "sliced_directions", "mmd_bandwidth"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("long-MCMC", root.GetProperty("floor_source").GetString());
        Assert.True(root.GetProperty("floor").GetProperty("sym_w2").GetDouble() > 0);
        Assert.True(root.GetProperty("sym_w2").GetDouble() > 0);
    }

    [Fact]
    public void A_damaged_cached_reference_is_a_one_line_error_before_any_table()
    {
        string samplesFile = ReferenceCache.SamplesPath(_references, "dw4", 0);
        File.WriteAllBytes(samplesFile, File.ReadAllBytes(samplesFile)[..200]);
        var (exit, output, error) = CliProcess.Run("eval", "--target", "dw4", "--samples", _samples, "--transport", "--reference", _references, "--quiet");
        Assert.Equal(UserError, exit);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {samplesFile}: truncated .npy data", error);

        File.WriteAllText(ReferenceCache.ManifestPath(_references, "dw4", 0), "{ not json");
        (exit, _, error) = CliProcess.Run("eval", "--target", "dw4", "--samples", _samples, "--transport", "--reference", _references, "--quiet");
        Assert.Equal(UserError, exit);
        Assert.StartsWith($"error: {ReferenceCache.ManifestPath(_references, "dw4", 0)}: not a reference manifest", error);
    }

    [Fact]
    public void Bench_on_dw4_reports_symmetry_aware_and_energy_W2_with_a_long_MCMC_floor()
    {
        string output = _dir.File("bench");
        var (exit, stdout, stderr) = CliProcess.Run("bench", "--target", "dw4", "--budget-evals", "200000", "--seeds", "0",
            "--samples", "300", "--chains", "8", "--no-equal-time", "--quiet", "--out", output, "--reference", _references);

        Assert.True(exit == 0, stderr);
        Assert.Contains("| long-MCMC floor", stdout);
        Assert.Contains("sym W2", stdout);
        Assert.Contains("energy W2", stdout);
        Assert.Contains("sym_w2,sym_w2_floor,energy_w2,energy_w2_floor", File.ReadAllLines(Path.Combine(output, "bench.csv"))[0]);
    }
}
