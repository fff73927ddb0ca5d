using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Plots;

/// <summary>
/// Writes the standard figures of a run into one folder (a run directory's <c>plots/</c>):
/// <list type="bullet">
/// <item><c>samples.png</c>: samples over energy contours (2-D) or pair scatters (d &gt; 2), <see cref="SampleScatterPlot"/>;</item>
/// <item><c>marginals.png</c>: per-coordinate histograms against the exact marginals, <see cref="MarginalHistogramPlot"/>;</item>
/// <item><c>energy.png</c>: histogram of E(x) against exact samples, <see cref="EnergyHistogramPlot"/>;</item>
/// <item><c>training.png</c>: loss, |V|, bandwidths and ESS against step, <see cref="TrainingCurvesPlot"/>.</item>
/// </list>
/// </summary>
public static class RunPlots
{
    public const string SamplesFileName = "samples.png";
    public const string MarginalsFileName = "marginals.png";
    public const string EnergyFileName = "energy.png";
    public const string TrainingFileName = "training.png";

    /// <summary>
    /// Exact reference points drawn for the histograms: at least this many, so that the exact outline is
    /// smooth even when few generated samples are plotted. Exact samplers are cheap.
    /// </summary>
    public const int MinimumReferenceCount = 50_000;

    /// <summary>
    /// Writes every figure the inputs allow into <paramref name="directory"/> (created if needed) and returns
    /// the paths written. The sample figures need <paramref name="samples"/>; the exact comparisons need the
    /// target's exact sampler (otherwise only the generated side is drawn); the training curves need a
    /// non-empty <paramref name="trainingLog"/> file.
    /// </summary>
    /// <param name="seed">Seed of the exact reference samples, so the figures are reproducible.</param>
    public static IReadOnlyList<string> Write(string directory, Target target, SampleSet? samples, string? trainingLog, ulong seed = 0)
    {
        // Read first: a malformed log then fails the call before any figure is written, not half-way.
        var log = trainingLog is not null && File.Exists(trainingLog) ? TrainingLog.Read(trainingLog) : null;
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        string Path(string name) { string p = System.IO.Path.Combine(directory, name); written.Add(p); return p; }

        if (samples is not null)
        {
            var reference = ExactReference(target, Math.Max(samples.Count, MinimumReferenceCount), seed);
            if (samples.Dimension >= 2) SampleScatterPlot.Save(Path(SamplesFileName), target, samples, reference);
            MarginalHistogramPlot.Save(Path(MarginalsFileName), target, samples, reference);
            EnergyHistogramPlot.Save(Path(EnergyFileName), target, samples, reference);
        }
        if (log is { Count: > 0 }) TrainingCurvesPlot.Save(Path(TrainingFileName), log, target.Name);
        return written;
    }

    private static SampleSet? ExactReference(Target target, int count, ulong seed)
    {
        if (target.ExactSampler is not { } sampler) return null;
        var rng = new Rng(seed, stream: 0x9107);
        return sampler.Sample(count, ref rng);
    }
}
