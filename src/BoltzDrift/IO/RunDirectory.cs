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
/// .lock, .lock.pid  the one-writer lock of train, demo and --resume (<see cref="RunLock"/>)
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

    /// <summary>The files that make up the run itself, which no command but train may write over.</summary>
    private static readonly string[] OwnFileNames = ["config.json", "train_log.csv", "checkpoint.bdck", "model.bdck", RunLock.FileName, RunLock.OwnerFileName];

    /// <summary>Whether the folder holds a run: its configuration or a checkpoint.</summary>
    public bool HoldsRun => File.Exists(ConfigFile) || HasCheckpoint;

    /// <summary>Whether the run wrote a checkpoint or its final model, so that it can be resumed or sampled.</summary>
    public bool HasCheckpoint => File.Exists(CheckpointFile) || File.Exists(ModelFile);

    /// <summary>Whether training finished: the final model exists.</summary>
    public bool IsFinished => File.Exists(ModelFile);

    /// <summary>Whether <paramref name="path"/> is one of the files of a run (config, log, checkpoint, model, lock) in whatever folder it is.</summary>
    public static bool IsFileOfARun(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        var run = new RunDirectory(System.IO.Path.GetDirectoryName(full)!);
        return run.HoldsRun && OwnFileNames.Contains(System.IO.Path.GetFileName(full));
    }

    /// <summary>The entries of the folder other than the lock files: what a new run would find there.</summary>
    public IEnumerable<string> Entries() => Directory.Exists(Path)
        ? Directory.EnumerateFileSystemEntries(Path).Where(e => System.IO.Path.GetFileName(e) is not (RunLock.FileName or RunLock.OwnerFileName))
        : [];

    /// <summary>
    /// Deletes the temporary files <see cref="AtomicFile"/> leaves when a process is killed mid-write (up to a
    /// checkpoint's size each). Only for the holder of the folder's <see cref="RunLock"/>: no one else writes there.
    /// </summary>
    public void DeleteInterruptedWrites()
    {
        if (!Directory.Exists(Path)) return;
        foreach (string file in Directory.EnumerateFiles(Path, AtomicFile.TemporaryPattern)) File.Delete(file);
    }

    /// <summary>Deletes what a run writes (configuration, log, checkpoints, model, samples, metrics, figures), leaving other files alone.</summary>
    public void DeleteRunFiles()
    {
        foreach (string file in new[] { ConfigFile, LogFile, CheckpointFile, ModelFile, SamplesFile, MetricsFile }) File.Delete(file);
        if (Directory.Exists(PlotsDirectory)) Directory.Delete(PlotsDirectory, recursive: true);
    }

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
        if (File.Exists(ConfigFile))
            throw new FileNotFoundException($"No model in '{Path}': the run stopped before its first checkpoint; train it again with `train --out {Path}` (the folder is reused).");
        throw new FileNotFoundException($"No model in '{Path}': expected {System.IO.Path.GetFileName(ModelFile)} or {System.IO.Path.GetFileName(CheckpointFile)}. Is this a run directory written by `train`?");
    }
}
