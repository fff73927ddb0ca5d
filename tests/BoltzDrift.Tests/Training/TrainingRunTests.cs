using BoltzDrift.IO;
using BoltzDrift.Tests.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Tests.Training;

public sealed class TrainingRunTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_finished_run_leaves_config_log_checkpoint_and_model_and_nothing_else()
    {
        var config = TinyRuns.Config(steps: 5) with { CheckpointEvery = 2 };
        var run = new RunDirectory(Path.Combine(_dir.Path, "nested", "run"));
        int reports = 0;
        var state = TrainingRun.Run(config, TinyRuns.Gmm4, run, new Progress(_ => reports++));

        Assert.Equal(5, state.Step);
        Assert.Equal(5, reports);
        Assert.Equal(["checkpoint.bdck", "config.json", "model.bdck", "train_log.csv"],
            Directory.GetFiles(run.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var log = File.ReadAllLines(run.LogFile);
        Assert.Equal(StepReport.CsvHeader, log[0]);
        Assert.Equal(["1", "2", "3", "4", "5"], log[1..].Select(line => line.Split(',')[0]));
        Assert.Equal(5, Checkpoint.Load(run.ModelFile).State.Step);
        Assert.Equal(5, Checkpoint.Load(run.CheckpointFile).State.Step);
        Assert.Equal(TinyRuns.Bits(state), TinyRuns.Bits(Checkpoint.Load(run.ModelFile).State));
    }

    [Fact]
    public void Cancelling_checkpoints_the_last_completed_step_and_resuming_reproduces_the_uninterrupted_run()
    {
        var config = TinyRuns.Config(steps: 6) with { CheckpointEvery = 2 };
        var straight = TrainingRun.Run(config, TinyRuns.Gmm4, new RunDirectory(_dir.File("straight")));

        var run = new RunDirectory(_dir.File("interrupted"));
        using var cancel = new CancellationTokenSource();
        Assert.Throws<TrainingCancelledException>(() =>
            TrainingRun.Run(config, TinyRuns.Gmm4, run, new Progress(r => { if (r.Step == 3) cancel.Cancel(); }), cancellation: cancel.Token));
        Assert.False(File.Exists(run.ModelFile));
        var checkpoint = Checkpoint.Load(run.LatestModel());
        Assert.Equal(3, checkpoint.State.Step);  // step 3 was done when the cancellation came: it is checkpointed

        var resumed = TrainingRun.Run(checkpoint.Config, TinyRuns.Gmm4, run, resumeFrom: checkpoint.State);
        Assert.Equal(TinyRuns.Bits(straight), TinyRuns.Bits(resumed));
        // The log keeps its header once and every step exactly once.
        var log = File.ReadAllLines(run.LogFile);
        Assert.Equal(StepReport.CsvHeader, log[0]);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], log[1..].Select(line => line.Split(',')[0]));
    }

    [Fact]
    public void Divergence_raises_and_leaves_the_last_checkpoint_byte_for_byte_intact()
    {
        // A healthy run stopped after its step-2 checkpoint, then resumed with an absurd learning rate: the first
        // resumed step throws the weights to ~1e30 and the next forward pass overflows.
        var config = TinyRuns.Config(steps: 10) with { CheckpointEvery = 2 };
        var run = new RunDirectory(_dir.File("run"));
        using var cancel = new CancellationTokenSource();
        Assert.Throws<TrainingCancelledException>(() =>
            TrainingRun.Run(config, TinyRuns.Gmm4, run, new Progress(r => { if (r.Step == 2) cancel.Cancel(); }), cancellation: cancel.Token));
        byte[] before = File.ReadAllBytes(run.CheckpointFile);

        var wild = config with { LearningRate = 1e30, MaxGradientNorm = null, CheckpointEvery = 0 };
        var state = Checkpoint.Load(run.CheckpointFile).State;
        var error = Assert.Throws<TrainingDivergedException>(() => TrainingRun.Run(wild, TinyRuns.Gmm4, run, resumeFrom: state));
        Assert.Contains("diverged at step 3", error.Message);

        Assert.Equal(before, File.ReadAllBytes(run.CheckpointFile));
        Assert.Equal(2, Checkpoint.Load(run.CheckpointFile).State.Step);
        Assert.False(File.Exists(run.ModelFile));
        Assert.Equal(["checkpoint.bdck", "config.json", "train_log.csv"], Directory.GetFiles(run.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private sealed class Progress(Action<StepReport> onReport) : IProgress<StepReport>
    {
        public void Report(StepReport value) => onReport(value);
    }
}
