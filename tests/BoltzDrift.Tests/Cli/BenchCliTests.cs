using System.Globalization;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class BenchCliTests : IDisposable
{
    private const int UserError = 2;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Bench_prints_the_table_and_break_even_and_writes_markdown_csv_and_json()
    {
        string output = _dir.File("bench");
        var (exit, stdout, stderr) = CliProcess.Run("bench", "--target", "gmm4", "--budget-evals", "800000", "--seeds", "0",
            "--samples", "300", "--chains", "8", "--no-equal-time", "--quiet", "--out", output);

        Assert.True(exit == 0, stderr);
        Assert.Equal("", stderr);
        Assert.Contains("| method", stdout);
        Assert.Contains("| boltzdrift", stdout);
        Assert.Contains("| pt-mala", stdout);
        Assert.Contains("| exact floor", stdout);
        Assert.Contains("break-even", stdout);
        Assert.Contains(File.ReadAllText(Path.Combine(output, "bench.md")), stdout);
        var csv = File.ReadAllLines(Path.Combine(output, "bench.csv"));
        Assert.StartsWith("target,method,match,seed,mean_error,mean_error_floor,", csv[0]);
        Assert.Equal(1 + 5, csv.Length);   // header, BoltzDrift, four baselines at equal evaluations
        Assert.Contains("\"target\": \"gmm4\"", File.ReadAllText(Path.Combine(output, "bench.json")));
    }

    [Fact]
    public void Bench_on_dw4_reports_symmetry_aware_and_energy_W2_with_a_long_MCMC_floor()
    {
        string output = _dir.File("bench");
        var (exit, stdout, stderr) = CliProcess.Run("bench", "--target", "dw4", "--budget-evals", "200000", "--seeds", "0",
            "--samples", "300", "--chains", "8", "--no-equal-time", "--quiet", "--out", output, "--reference", TinyDw4Reference.Cache(_dir).Folder);

        Assert.True(exit == 0, stderr);
        Assert.Contains("| long-MCMC floor", stdout);
        Assert.Contains("sym W2", stdout);
        Assert.Contains("energy W2", stdout);
        var csv = File.ReadAllLines(Path.Combine(output, "bench.csv")).Select(line => line.Split(',')).ToArray();
        var floors = new[] { "sym_w2_floor", "energy_w2_floor" }.Select(column => double.Parse(csv[1][Array.IndexOf(csv[0], column)], CultureInfo.InvariantCulture));
        Assert.All(floors, floor => Assert.True(floor > 0, "the floor set must be other chains than the reference"));
    }

    [Theory]
    [InlineData("--budget-evals", "1000", "--budget-seconds", "5", "error: Give either --budget-evals or --budget-seconds, not both.")]
    [InlineData("--budget-evals", "0", "--seeds", "0", "error: --budget-evals must be positive, got 0.")]
    [InlineData("--seeds", "0,x", "--quiet", "true", "error: --seeds: 'x' is not a seed (expected a comma-separated list such as 0,1,2).")]
    public void Bad_budgets_and_seeds_are_one_line_errors_before_anything_runs(string option1, string value1, string option2, string value2, string message)
    {
        string output = _dir.File("bench");
        var args = new List<string> { "bench", "--target", "banana", "--out", output, option1, value1 };
        args.AddRange(option2 == "--quiet" ? ["--quiet"] : [option2, value2]);
        var (exit, stdout, stderr) = CliProcess.Run(args.ToArray());
        Assert.Equal(UserError, exit);
        Assert.Equal(message, stderr.TrimEnd('\n', '\r'));
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(output));
    }
}
