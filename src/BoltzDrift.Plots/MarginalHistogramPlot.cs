using BoltzDrift.Energies;
using BoltzDrift.Sampling;
using ScottPlot;

namespace BoltzDrift.Plots;

/// <summary>
/// One panel per coordinate (the first <see cref="MaxCoordinates"/>): the density histogram of the generated
/// samples as bars, the exact marginal (a histogram of many exact samples) as an outline. Mode weights,
/// widths and tails can be read off directly.
/// </summary>
public static class MarginalHistogramPlot
{
    /// <summary>At most this many coordinates get a panel.</summary>
    public const int MaxCoordinates = 6;

    /// <summary>Writes the figure to <paramref name="path"/> (PNG).</summary>
    /// <param name="reference">Exact samples of the target, or null where it has no exact sampler.</param>
    public static void Save(string path, Target target, SampleSet samples, SampleSet? reference)
    {
        var panels = new List<Plot>();
        for (int k = 0; k < Math.Min(samples.Dimension, MaxCoordinates); k++)
        {
            string name = SampleColumns.Name(k);
            var plot = PlotTheme.Create($"{target.Name}: marginal of {name}", name, "density");
            HistogramComparison.Draw(plot, SampleColumns.Column(samples, k), reference is null ? null : SampleColumns.Column(reference, k));
            panels.Add(plot);
        }
        PanelGrid.SavePng(path, panels, PanelGrid.ColumnsFor(panels.Count));
    }
}
