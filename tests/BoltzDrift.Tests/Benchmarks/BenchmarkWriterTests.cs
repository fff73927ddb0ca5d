using System.Text.Json;
using BoltzDrift.Benchmarks;

namespace BoltzDrift.Tests.Benchmarks;

public class BenchmarkWriterTests
{
    private readonly BenchmarkResult _result = BenchmarkFixtures.Result();

    private static string[] Cells(string markdownLine) =>
        markdownLine.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();

    [Fact]
    public void The_markdown_table_has_method_match_every_metric_then_the_costs_and_a_floor_row()
    {
        var lines = BenchmarkMarkdown.ResultsTable(_result).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["method", "match", "mean err", "cov err", "p_x1_pos", "energy evals", "grad evals", "wall s", "samples/s", "ESS", "ESS/s", "peak MB"],
            Cells(lines[0]));
        Assert.Equal(5, lines.Length);   // header, rule, boltzdrift, mala, floor
        var drift = Cells(lines[2]);
        Assert.Equal(["boltzdrift", "budget", "0.105 ± 0.00707"], drift[..3]);
        Assert.Equal("iid", drift[9]);
        var mala = Cells(lines[3]);
        Assert.Equal(["mala", "= evals", "0.2"], mala[..3]);
        Assert.Equal("1e6", mala[6]);            // gradients
        Assert.Equal("550 ± 70.7", mala[9]);     // ESS over the two seeds
        var floor = Cells(lines[4]);
        Assert.Equal(["exact floor", "", "0.01", "0.02", "exact 0.844"], floor[..5]);
    }

    [Fact]
    public void The_markdown_report_includes_the_break_even_table()
    {
        string text = BenchmarkMarkdown.Render(_result);
        var rows = text.Split('\n').Where(line => line.StartsWith('|')).ToList();
        Assert.Contains(rows, row => Cells(row).SequenceEqual(BenchmarkMarkdown.BreakEvenColumns));
        Assert.Contains(rows, row => Cells(row)[0] == "mala" && Cells(row)[1] == "= evals" && Cells(row)[3] == "550 ± 70.7");
        Assert.Contains("double-well", text);
    }

    [Fact]
    public void The_csv_has_one_row_per_run_with_metrics_floors_costs_and_break_even()
    {
        var lines = BenchmarkCsv.Render(_result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        Assert.Equal(["target", "method", "match", "seed", "mean_error", "mean_error_floor", "cov_error", "cov_error_floor", "p_x1_pos", "p_x1_pos_floor"], header[..10]);
        Assert.Equal(BenchmarkCsv.CostColumns, header[10..]);
        Assert.Equal(1 + _result.Runs.Count, lines.Length);

        var mala = lines.Single(line => line.StartsWith("double-well,mala,= evals,1,")).Split(',');
        string Cell(string column) => mala[Array.IndexOf(header, column)];
        Assert.Equal("0.844307", Cell("p_x1_pos_floor"));   // a statistic's floor column holds its exact value
        Assert.Equal("1000000", Cell("gradient_evals"));
        Assert.Equal("600", Cell("ess"));
        Assert.Equal("600", Cell("break_even_samples_evals"));    // 10^6 / (10^6 evaluations / ESS 600)
        Assert.EndsWith("\"hand-made, with a \"\"quote\"\", and a comma\"", lines[2]);
        var drift = lines[1].Split(',');
        Assert.Equal("", drift[Array.IndexOf(header, "ess")]);
    }

    [Fact]
    public void The_json_holds_runs_summaries_and_break_even_in_snake_case()
    {
        using var json = JsonDocument.Parse(BenchmarkJson.Render(_result));
        var root = json.RootElement;
        Assert.Equal("double-well", root.GetProperty("target").GetString());
        Assert.Equal("evaluations", root.GetProperty("budget").GetProperty("kind").GetString());
        Assert.Equal(4, root.GetProperty("runs").GetArrayLength());
        var run = root.GetProperty("runs")[1];
        foreach (string key in new[] { "method", "match", "seed", "metrics", "energy_evaluations", "gradient_evaluations", "total_seconds",
                     "samples_per_second", "effective_sample_size", "ess_per_second", "peak_managed_bytes" })
            Assert.True(run.TryGetProperty(key, out _), key);
        Assert.Equal("equal-evaluations", run.GetProperty("match").GetString());
        Assert.Equal(2, root.GetProperty("summaries").GetArrayLength());
        Assert.Equal(2, root.GetProperty("break_even_points").GetArrayLength());
        Assert.Equal(1, root.GetProperty("break_even").GetArrayLength());
    }

    [Theory]
    [InlineData(0.012345, "0.0123")]
    [InlineData(4.56789, "4.57")]
    [InlineData(34_999.0, "35000")]
    [InlineData(244_000_000.0, "2.44e8")]
    [InlineData(-9.213e-5, "-9.21e-5")]
    [InlineData(0.0, "0")]
    [InlineData(double.PositiveInfinity, "∞")]
    public void Numbers_are_written_with_three_significant_digits(double value, string expected)
    {
        Assert.Equal(expected, NumberFormat.Compact(value));
    }
}
