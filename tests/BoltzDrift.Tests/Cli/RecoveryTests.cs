using System.Diagnostics;
using System.Text.Json;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Tests.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Tests.Cli;

/// <summary>
/// Every interrupted or failed run has a way forward (issue #11): a checkpoint early and on cancellation, a folder
/// without one reusable as it is, <c>--force</c> to replace on purpose, and outputs that say when they come from
/// an unfinished model or where the energy is undefined.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RecoveryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Tiny = ["--batch", "32", "--proposals", "4", "--width", "8", "--layers", "1", "--threads", "1", "--quiet", "--no-plots"];

    [Fact]
    public void The_first_checkpoint_comes_after_50_steps_whatever_the_cadence_then_the_cadence_holds()
    {
        var schedule = new CheckpointSchedule(every: 500, startStep: 0, new FrozenClock());
        var due = Enumerable.Range(1, 1200).Where(step => schedule.IsDue(step)).ToArray();
        Assert.Equal([CheckpointSchedule.FirstAfterSteps, 500, 1000], due);
    }

    [Fact]
    public void The_first_checkpoint_comes_after_30_seconds_when_that_is_sooner_than_50_steps()
    {
        var clock = new FrozenClock();
        var schedule = new CheckpointSchedule(every: 0, startStep: 0, clock);
        Assert.False(schedule.IsDue(1));
        clock.Advance(CheckpointSchedule.FirstAfter);
        Assert.True(schedule.IsDue(2));
        Assert.False(schedule.IsDue(CheckpointSchedule.FirstAfterSteps));
    }

    /// <summary>A clock that moves only when told to, so the schedule's time rule is tested without waiting.</summary>
    private sealed class FrozenClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    [Fact]
    public void A_cancelled_run_writes_a_checkpoint_of_its_last_step_and_resumes_to_the_uninterrupted_result()
    {
        var config = Training.TinyRuns.Config(steps: 30);
        var energy = Targets.Get("gmm4").Energy;
        var straight = TrainingRun.Run(config, energy, new RunDirectory(_dir.File("straight")));

        var run = new RunDirectory(_dir.File("cancelled"));
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(report => { if (report.Step == 7) cancel.Cancel(); });
        var e = Assert.Throws<TrainingCancelledException>(() => TrainingRun.Run(config, energy, run, progress, cancellation: cancel.Token));
        Assert.Contains("checkpoint of step 7 of 30", e.Message);
        Assert.Equal(7, Checkpoint.Load(run.CheckpointFile).State.Step);

        // sample says the model is an intermediate checkpoint, in text and JSON.
        var result = CliInvocation.Run("sample", "--run", run.Path, "--count", "10", "--out", _dir.File("s.npy"), "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("no final model (training stopped at step 7 of 30): sampling from its intermediate checkpoint", result.Error);
        using (var json = JsonDocument.Parse(result.Output))
        {
            Assert.False(json.RootElement.GetProperty("finished").GetBoolean());
            Assert.Equal(7, json.RootElement.GetProperty("model_step").GetInt64());
        }

        result = CliInvocation.Run("train", "--resume", run.Path, "--quiet", "--no-plots");
        Assert.True(result.ExitCode == 0, result.Error);
        var resumed = Checkpoint.Load(run.ModelFile).State;
        Assert.Equal(straight.AveragedParameters, resumed.AveragedParameters);
        Assert.Equal(straight.Network.Parameters, resumed.Network.Parameters);
    }

    [Fact]
    public void A_run_that_stopped_before_its_first_checkpoint_can_be_started_again_in_the_same_folder()
    {
        string run = _dir.File("run");
        var diverged = CliInvocation.Run(["train", "--target", "gmm4", "--lr", "1e9", "--steps", "20", "--out", run, .. Tiny]);
        Assert.Equal(3, diverged.ExitCode);
        Assert.Contains("the folder can be reused for a new run", diverged.Error);

        var resume = CliInvocation.Run("train", "--resume", run);
        Assert.Equal(2, resume.ExitCode);
        Assert.Contains("stopped before its first checkpoint", resume.Error);

        var again = CliInvocation.Run(["train", "--energy", "x^2 + y^2", "--dim", "2", "--steps", "4", "--out", run, .. Tiny]);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.True(File.Exists(new RunDirectory(run).ModelFile));
    }

    [Fact]
    public void Force_replaces_an_existing_run_and_an_existing_file_and_nothing_else_does()
    {
        string run = _dir.File("run"), samples = _dir.File("s.npy");
        Assert.Equal(0, CliInvocation.Run(["train", "--target", "gmm4", "--steps", "4", "--out", run, .. Tiny]).ExitCode);
        Assert.Equal(0, CliInvocation.Run("sample", "--run", run, "--count", "10", "--out", samples).ExitCode);

        Assert.Equal(2, CliInvocation.Run("sample", "--run", run, "--count", "20", "--out", samples).ExitCode);
        Assert.Equal(10, SampleFile.Read(samples).Count);
        Assert.Equal(0, CliInvocation.Run("sample", "--run", run, "--count", "20", "--out", samples, "--force").ExitCode);
        Assert.Equal(20, SampleFile.Read(samples).Count);

        var replaced = CliInvocation.Run(["train", "--target", "banana", "--steps", "4", "--out", run, "--force", .. Tiny]);
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Equal("banana", Checkpoint.Load(new RunDirectory(run).ModelFile).Config.Target);
        Assert.False(File.Exists(new RunDirectory(run).ModelFile + ".tmp"));
    }

    [Fact]
    public void Samples_landing_where_the_energy_is_undefined_end_with_a_warning_and_the_figure_in_the_summary()
    {
        string run = _dir.File("run");
        var result = CliInvocation.Run(["train", "--energy", "log(x) + y^2", "--dim", "2", "--steps", "30", "--out", run, .. Tiny[..^2], "--json", "--no-plots"]);
        Assert.True(result.ExitCode == 0, result.Error);
        string warning = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^warning: \d+\.\d% of 4,096 samples of the trained model land where the energy is not finite", warning);
        using var json = JsonDocument.Parse(result.Output);
        double samplesFraction = json.RootElement.GetProperty("samples_nonfinite_energy_fraction").GetDouble();
        double evaluationsFraction = json.RootElement.GetProperty("nonfinite_energy_fraction").GetDouble();
        Assert.InRange(samplesFraction, RunHealth.WarningFraction, 1);
        Assert.InRange(evaluationsFraction, 1e-6, 1);
    }

    [Fact]
    public void After_a_divergence_the_kept_checkpoint_is_the_last_whose_samples_were_in_range()
    {
        // Unbounded below: the samples run away. (The CLI's pilot refuses this energy before training; the
        // library trains whatever it is given, so the run's own checks must catch it.)
        var target = Targets.FromExpression("-x^2 - y^2", 2);
        var config = new TrainingConfig { Target = target.Name, Energy = "-x^2 - y^2", Dimension = 2, Steps = 2000, Batch = 32, Proposals = 4, Threads = 1, CheckpointEvery = 10 };
        var run = new RunDirectory(_dir.File("run"));
        var e = Assert.Throws<TrainingDivergedException>(() => TrainingRun.Run(config, target.Energy, run));
        Assert.Contains("the energy looks unbounded below", e.Message);
        var kept = Checkpoint.Load(run.CheckpointFile);
        var samples = Sampling.Generator.For(kept.Config, kept.State.Network).Sample(1024, 0x4EA1_7CEC);
        double spread = Math.Sqrt(samples.Values.Select(v => v * v).Average());
        Assert.True(double.IsFinite(spread) && spread <= RunHealthMonitor.KeepFactor * kept.Config.Bandwidths.Max(), $"kept checkpoint's spread {spread}");
        Assert.Contains($"(step {kept.State.Step}), is intact", e.Message);
    }

    [Fact]
    public void Sigterm_stops_training_with_a_checkpoint_a_message_and_exit_code_143()
    {
        string run = _dir.File("run");
        var cli = Path.Combine(AppContext.BaseDirectory, "BoltzDrift.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])[cli, "train", "--target", "gmm4", "--steps", "100000", "--checkpoint-every", "0", "--out", run, .. Tiny])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var directory = new RunDirectory(run);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(directory.CheckpointFile) && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120)) Thread.Sleep(5);
        Assert.True(File.Exists(directory.CheckpointFile), "no early checkpoint was written");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) kill.WaitForExit();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(143, process.ExitCode);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^cancelled: checkpoint of step \d+ of 100000 written to .*; continue with `train --resume ", line);
        Assert.InRange(Checkpoint.Load(directory.CheckpointFile).State.Step, CheckpointSchedule.FirstAfterSteps, 100_000);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; cancellation at an exact step needs the report on the training thread.</summary>
    private sealed class SynchronousProgress(Action<StepReport> report) : IProgress<StepReport>
    {
        public void Report(StepReport value) => report(value);
    }
}
