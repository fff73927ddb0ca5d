using System.Diagnostics;
using BoltzDrift.IO;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Cli;

/// <summary>
/// A training killed with SIGKILL (no chance to clean up) and resumed ends exactly where an uninterrupted
/// run with the same seed ends: checkpoints are atomic and every step's randomness depends on its index only.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class KillAndResumeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Training =
        ["--target", "gmm4", "--steps", "3000", "--checkpoint-every", "100", "--batch", "32", "--proposals", "4",
         "--width", "8", "--layers", "1", "--threads", "1", "--quiet", "--no-plots"];

    [Fact]
    public void A_run_killed_midway_and_resumed_equals_the_uninterrupted_run()
    {
        string straight = _dir.File("straight"), killed = _dir.File("killed");
        Assert.Equal(0, CliProcess.Run(["train", "--out", straight, .. Training]).Exit);

        var cli = Path.Combine(AppContext.BaseDirectory, "BoltzDrift.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])[cli, "train", "--out", killed, .. Training]) start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            var run = new RunDirectory(killed);
            var clock = Stopwatch.StartNew();
            while (!File.Exists(run.CheckpointFile) && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(5);
            process.Kill();  // SIGKILL on Linux
            process.WaitForExit();
            Assert.True(File.Exists(run.CheckpointFile), "no checkpoint was written before the kill");
            Assert.False(File.Exists(run.ModelFile), "the run finished before it could be killed");
        }

        var (exit, _, error) = CliProcess.Run("train", "--resume", killed, "--quiet", "--no-plots");
        Assert.True(exit == 0, error);
        var expected = Checkpoint.Load(new RunDirectory(straight).ModelFile).State;
        var actual = Checkpoint.Load(new RunDirectory(killed).ModelFile).State;
        Assert.Equal(3000, actual.Step);
        Assert.Equal(expected.AveragedParameters, actual.AveragedParameters);
        Assert.Equal(expected.Network.Parameters, actual.Network.Parameters);
        Assert.Equal(File.ReadAllLines(new RunDirectory(straight).LogFile).Length, File.ReadAllLines(new RunDirectory(killed).LogFile).Length);
    }
}
