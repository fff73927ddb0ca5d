using System.Text.Json;
using BoltzDrift.IO;
using BoltzDrift.Tests.Training;
using BoltzDrift.Training;

namespace BoltzDrift.Tests.IO;

public sealed class RunDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Layout_names_every_file_inside_the_full_path()
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, _dir.File("run"));
        var run = new RunDirectory(relative);
        Assert.Equal(_dir.File("run"), run.Path);
        Assert.Equal(
            ["config.json", "train_log.csv", "checkpoint.bdck", "model.bdck", "samples.npy", "metrics.json"],
            new[] { run.ConfigFile, run.LogFile, run.CheckpointFile, run.ModelFile, run.SamplesFile, run.MetricsFile }.Select(f =>
            {
                Assert.Equal(run.Path, Path.GetDirectoryName(f));
                return Path.GetFileName(f);
            }));
    }

    [Fact]
    public void Initialize_creates_the_folders_and_records_version_time_and_config()
    {
        var config = TinyRuns.Config() with { BandwidthFloors = [0.1, 0.2], Estimator = TargetEstimator.Curvature };
        var run = new RunDirectory(_dir.File(Path.Combine("a", "b", "run")));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        run.Initialize(config);

        Assert.Equal(["config.json"], Directory.GetFiles(run.Path).Select(Path.GetFileName));
        using var json = JsonDocument.Parse(File.ReadAllText(run.ConfigFile));
        var root = json.RootElement;
        Assert.Equal(["version", "created", "config"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Checkpoint.LibraryVersion, root.GetProperty("version").GetString());
        Assert.InRange(root.GetProperty("created").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("curvature", root.GetProperty("config").GetProperty("estimator").GetString());
        var recorded = root.GetProperty("config").Deserialize<TrainingConfig>(Json.Options)!;
        Assert.Equal(JsonSerializer.Serialize(config, Json.Options), JsonSerializer.Serialize(recorded, Json.Options));
    }

    [Fact]
    public void Latest_model_prefers_the_final_model_then_the_checkpoint()
    {
        var run = new RunDirectory(_dir.File("run"));
        var missing = Assert.Throws<FileNotFoundException>(() => run.LatestModel());
        Assert.Contains("model.bdck", missing.Message);
        Assert.Contains("checkpoint.bdck", missing.Message);
        Assert.Contains(run.Path, missing.Message);

        run.Initialize(TinyRuns.Config());
        File.WriteAllBytes(run.CheckpointFile, [1]);
        Assert.Equal(run.CheckpointFile, run.LatestModel());
        File.WriteAllBytes(run.ModelFile, [1]);
        Assert.Equal(run.ModelFile, run.LatestModel());
    }
}
