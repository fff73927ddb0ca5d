using BoltzDrift.Energies;
using BoltzDrift.Sampling;

namespace BoltzDrift.Plots;

/// <summary>
/// The distribution of E(x) over the generated samples against exact samples: one number per point that
/// summarises fit in any dimension. Samples too spread out push mass to the right (high energy), samples
/// collapsed onto modes pile up at the left.
/// </summary>
public static class EnergyHistogramPlot
{
    /// <summary>Writes the figure to <paramref name="path"/> (PNG).</summary>
    /// <param name="reference">Exact samples of the target, or null where it has no exact sampler.</param>
    public static void Save(string path, Target target, SampleSet samples, SampleSet? reference)
    {
        var plot = PlotTheme.Create($"{target.Name}: energy of generated vs exact samples", "E(x)", "density");
        // The energy is bounded below but has a long right tail: cut at the 99.5 % point; the legend counts what lies beyond.
        HistogramComparison.Draw(plot,
            SampleColumns.Energies(target.Energy, samples),
            reference is null ? null : SampleColumns.Energies(target.Energy, reference),
            tail: 0.005, padding: 0.03);
        plot.SavePng(path, PlotTheme.Width, PlotTheme.Height);
    }
}
