using System.Text.Json;
using BoltzDrift.IO;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Cli;

/// <summary><c>eval --reference dem</c> and <c>--protocol published</c>: no network, no cache, the protocol in the JSON.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class EvalProtocolCliTests : IDisposable
{
    private const int UserError = 2;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Eval_against_the_DEM_split_under_the_published_protocol_reports_draws_and_their_spread()
    {
        string samples = Dw4Samples();
        string json = _dir.File("report.json");
        var (exit, output, error) = CliProcess.Run("eval", "--target", "dw4", "--samples", samples, "--transport", "--transport-samples", "40",
            "--reference", "dem", "--protocol", "published", "--json", json);

        Assert.True(exit == 0, error);
        Assert.All(["the DEM test split of dw4", "note: this split does not follow exp(-E)", "DEM split floor", "geometric W2 (one-pass)", "energy W2", "as published", " ± "],
            text => Assert.Contains(text, output));
        Assert.DoesNotContain("symmetry-aware W2", output);
        Assert.DoesNotContain("generating", output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal("published", root.GetProperty("protocol").GetString());
        Assert.Equal("DEM split", root.GetProperty("floor_source").GetString());
        Assert.Equal(5, root.GetProperty("draws").GetInt32());
        Assert.True(root.GetProperty("geo_w2").GetDouble() > root.GetProperty("floor").GetProperty("geo_w2").GetDouble());
        Assert.True(root.GetProperty("spread").GetProperty("geo_w2").GetDouble() > 0);
        Assert.True(root.GetProperty("floor_spread").GetProperty("energy_w2").GetDouble() > 0);
    }

    [Theory]
    [InlineData("gmm4", true, "error: Target 'gmm4' has no as-published protocol")]
    [InlineData("dw4", false, "error: --protocol published applies to the transport metrics")]
    public void Published_protocol_errors_are_one_line(string target, bool transport, string message)
    {
        string samples = target == "dw4" ? Dw4Samples() : Write(new SampleSet(new double[20], 2));
        string[] args = ["eval", "--target", target, "--samples", samples, "--protocol", "published", .. transport ? new[] { "--transport" } : []];
        var (exit, output, error) = CliProcess.Run(args);
        Assert.Equal(UserError, exit);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, error);
    }

    /// <summary>Spread-out random dw4 configurations: far from the split, so their W2 is above its floor.</summary>
    private string Dw4Samples()
    {
        var rng = new Rng(4);
        var values = new double[200 * 8];
        rng.FillGaussian(values);
        for (int i = 0; i < values.Length; i++) values[i] *= 3;
        return Write(new SampleSet(values, 8));
    }

    private string Write(SampleSet samples)
    {
        string path = _dir.File($"samples-{samples.Dimension}.npy");
        Npy.Write(path, samples);
        return path;
    }
}
