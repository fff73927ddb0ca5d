using System.CommandLine;
using System.Text.Json.Nodes;

namespace BoltzDrift.Cli;

/// <summary>The options of the figures that <c>train</c> and <c>demo</c> write at the end.</summary>
internal sealed class PlotOptions
{
    private readonly Option<bool> _noPlots = new("--no-plots") { Description = "Write no figures into the run's plots/ folder." };
    private readonly Option<int> _count = new("--plot-count")
    {
        Description = "Generated samples drawn for the figures.",
        DefaultValueFactory = _ => RunPlotting.DefaultSampleCount,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_noPlots);
        command.Options.Add(_count);
    }

    public bool Enabled(ParseResult r) => !r.GetValue(_noPlots);

    /// <exception cref="ArgumentException">The count is below 2.</exception>
    public int Count(ParseResult r) => CheckCount(r.GetValue(_count), "--plot-count");

    /// <summary>A figure count checked for what the histograms and scatters need: at least two points.</summary>
    public static int CheckCount(int count, string option) =>
        count >= 2 ? count : throw new ArgumentException($"{option} must be at least 2, got {count}.");

    /// <summary>The figure paths as a JSON array, for <c>--json</c> summaries.</summary>
    public static JsonArray ToJson(IEnumerable<string> files) => new(files.Select(f => (JsonNode)f).ToArray());
}
