using System.Text.Json;
using BoltzDrift.Training;

namespace BoltzDrift.IO;

/// <summary>
/// The folder of one training run. Layout:
/// <code>
/// config.json       effective configuration, library version and seed
/// train_log.csv     one row per step (loss, |V|, ESS, bandwidths, timings, counters)
/// checkpoint.bdck   latest checkpoint (resumable; written atomically)
/// model.bdck        final checkpoint, written when training completes
/// samples.npy       samples drawn at the end (demo) or by `sample`
/// metrics.json      evaluation of those samples
/// plots/            figures written by train, demo and `plot` (BoltzDrift.Plots):
///   samples.png     generated samples over energy contours (2-D) or coordinate-pair scatters (d &gt; 2)
///   marginals.png   per-coordinate histograms of the samples against the exact marginals
///   energy.png      histogram of E(x) over the samples against exact samples
///   training.png    loss, drift RMS |V|, bandwidths and ESS against step, from train_log.csv
/// </code>
/// </summary>
public sealed class RunDirectory
{
    public RunDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }
    public string ConfigFile => System.IO.Path.Combine(Path, "config.json");
    public string LogFile => System.IO.Path.Combine(Path, "train_log.csv");
    public string CheckpointFile => System.IO.Path.Combine(Path, "checkpoint.bdck");
    public string ModelFile => System.IO.Path.Combine(Path, "model.bdck");
    public string SamplesFile => System.IO.Path.Combine(Path, "samples.npy");
    public string MetricsFile => System.IO.Path.Combine(Path, "metrics.json");
    public string PlotsDirectory => System.IO.Path.Combine(Path, "plots");

    private sealed record ConfigRecord(string Version, DateTimeOffset Created, TrainingConfig Config);

    /// <summary>Creates the folder and records the configuration.</summary>
    public void Initialize(TrainingConfig config)
    {
        Directory.CreateDirectory(Path);
        var record = new ConfigRecord(Checkpoint.LibraryVersion, DateTimeOffset.UtcNow, config);
        AtomicFile.Write(ConfigFile, s => JsonSerializer.Serialize(s, record, Json.Options));
    }

    /// <summary>The model to sample from: the final model if training finished, else the latest checkpoint.</summary>
    public string LatestModel()
    {
        if (File.Exists(ModelFile)) return ModelFile;
        if (File.Exists(CheckpointFile)) return CheckpointFile;
        throw new FileNotFoundException($"No model in '{Path}': expected {System.IO.Path.GetFileName(ModelFile)} or {System.IO.Path.GetFileName(CheckpointFile)}. Is this a run directory written by `train`?");
    }
}
