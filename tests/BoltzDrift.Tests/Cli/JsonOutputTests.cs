using System.Text.Json;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Tests.IO;
using BoltzDrift.Tests.Plots;

namespace BoltzDrift.Tests.Cli;

/// <summary>With <c>--json</c>, stdout is one JSON document and nothing else, so scripts can parse it whole.</summary>
public sealed class JsonOutputTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A deliberately tiny run: the point is the output format, not the sampler.</summary>
    private static readonly string[] TinyRun = ["--steps", "3", "--batch", "32", "--proposals", "4", "--width", "8", "--layers", "1", "--threads", "1"];

    private static JsonElement ParseStdout(CliInvocation.Result result)
    {
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}: {result.Error}");
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    [Fact]
    public void Train_prints_a_summary_document()
    {
        string run = _folder.File("run");
        var json = ParseStdout(CliInvocation.Run(["train", "--target", "gmm4", "--out", run, "--no-plots", "--json", .. TinyRun]));

        Assert.Equal("gmm4", json.GetProperty("target").GetString());
        Assert.Equal(3, json.GetProperty("steps").GetInt64());
        Assert.Equal(new RunDirectory(run).ModelFile, json.GetProperty("model").GetString());
        Assert.True(json.GetProperty("final_loss").GetDouble() > 0);
        Assert.Equal(0, json.GetProperty("plots").GetArrayLength());
    }

    [Fact]
    public void Sample_and_eval_print_their_results_as_documents()
    {
        string run = _folder.File("run");
        Assert.Equal(0, CliInvocation.Run(["train", "--target", "gmm4", "--out", run, "--no-plots", "--quiet", .. TinyRun]).ExitCode);
        string samples = _folder.File("s.csv");

        var sampled = ParseStdout(CliInvocation.Run("sample", "--run", run, "--count", "500", "--out", samples, "--json"));
        Assert.Equal((500, 2), (sampled.GetProperty("count").GetInt32(), sampled.GetProperty("dimension").GetInt32()));

        var report = ParseStdout(CliInvocation.Run("eval", "--target", "gmm4", "--samples", samples, "--json"));
        Assert.Equal("gmm4", report.GetProperty("target").GetString());
        Assert.Equal(500, report.GetProperty("n").GetInt32());
        Assert.True(report.GetProperty("floor").GetProperty("mean_error").GetDouble() >= 0);
    }

    [Fact]
    public void Eval_json_with_a_file_prints_the_table_and_writes_the_report_file()
    {
        string samples = _folder.File("exact.csv");
        SampleFile.Write(samples, PlotTargets.ExactSamples(Targets.Get("banana"), 300, seed: 4));
        string reportFile = _folder.File("report.json");

        var result = CliInvocation.Run("eval", "--target", "banana", "--samples", samples, "--json", reportFile);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mean error", result.Output);
        using var written = JsonDocument.Parse(File.ReadAllText(reportFile));
        Assert.Equal("banana", written.RootElement.GetProperty("target").GetString());
    }

    [Fact]
    public void Quiet_training_prints_results_but_no_progress()
    {
        var result = CliInvocation.Run(["train", "--target", "banana", "--out", _folder.File("run"), "--no-plots", "--quiet", .. TinyRun]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("step ", result.Output);
        Assert.Contains("model written to", result.Output);
    }

    [Fact]
    public void Redirected_training_prints_plain_progress_lines()
    {
        var result = CliInvocation.Run(["train", "--target", "banana", "--out", _folder.File("run"), "--no-plots", .. TinyRun]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("step      3/3  loss", result.Output);
        Assert.DoesNotContain("\u001b[", result.Output);
    }
}
