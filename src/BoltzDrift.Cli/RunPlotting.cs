using BoltzDrift.Cli.Output;
using BoltzDrift.Energies;
using BoltzDrift.Engine;
using BoltzDrift.IO;
using BoltzDrift.Plots;
using BoltzDrift.Sampling;
using BoltzDrift.Training;

namespace BoltzDrift.Cli;

/// <summary>Writes a run's figures (<see cref="RunPlots"/>) into its <c>plots/</c> folder, for <c>train</c>, <c>demo</c> and <c>plot</c>.</summary>
internal static class RunPlotting
{
    /// <summary>Generated samples drawn for the figures unless a count is given: enough for smooth histograms, few enough for a legible scatter.</summary>
    public const int DefaultSampleCount = 10_000;

    /// <summary>The seed of the generated samples in the figures: the one <c>demo</c> samples with, so both show the same points.</summary>
    public static ulong SampleSeed(TrainingConfig config) => config.Seed + 1;

    /// <summary>Draws <paramref name="count"/> samples from the trained network, then writes the figures.</summary>
    public static IReadOnlyList<string> Write(RunDirectory run, Target target, TrainingConfig config, Mlp network, int count)
    {
        var samples = Generator.For(config, network).Sample(count, SampleSeed(config));
        return Write(run, target, config, samples);
    }

    public static IReadOnlyList<string> Write(RunDirectory run, Target target, TrainingConfig config, SampleSet samples) =>
        RunPlots.Write(run.PlotsDirectory, target, samples, run.LogFile, config.Seed);

    /// <summary>
    /// Runs <paramref name="write"/> and reports the figures written; if plotting fails (for example when the
    /// native SkiaSharp library cannot load) prints one warning and carries on, because a figure is never worth
    /// losing a trained model or a command's results over. Returns the files written (none on failure).
    /// </summary>
    public static IReadOnlyList<string> WriteOrWarn(CommandOutput output, Func<IReadOnlyList<string>> write)
    {
        try
        {
            var files = write();
            if (files.Count > 0)
                output.Result($"plots -> {Path.GetDirectoryName(files[0])}{Path.DirectorySeparatorChar} ({string.Join(", ", files.Select(Path.GetFileName))})");
            return files;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.Warning($"plots not written: {Describe(e)}");
            return [];
        }
    }

    /// <summary>
    /// The cause in one sentence: the innermost message (a missing native library surfaces as a type
    /// initialiser failure around the real cause), cut to its first sentence, since the loader's message
    /// goes on for a dozen lines of probed paths.
    /// </summary>
    public static string Describe(Exception e)
    {
        if (e.InnerException is { } inner && e is TypeInitializationException or AggregateException) return Describe(inner);
        string line = e.Message.Split('\n')[0].Trim();
        int end = line.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? line : line[..(end + 1)];
    }
}
