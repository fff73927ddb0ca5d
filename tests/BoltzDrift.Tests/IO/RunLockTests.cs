using BoltzDrift.IO;

namespace BoltzDrift.Tests.IO;

/// <summary>One writer per run directory: the lock is exclusive while held, names its holder, and is free again once released.</summary>
public sealed class RunLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_second_lock_fails_at_once_naming_the_holder_and_succeeds_after_release()
    {
        var first = RunLock.Acquire(_dir.Path);
        var busy = Assert.Throws<RunDirectoryBusyException>(() => RunLock.Acquire(_dir.Path));
        Assert.Equal(Environment.ProcessId, busy.OwnerProcessId);
        Assert.Contains($"process id {Environment.ProcessId}", busy.Message);

        first.Dispose();
        Assert.False(File.Exists(Path.Combine(_dir.Path, RunLock.OwnerFileName)));
        using var second = RunLock.Acquire(_dir.Path);
        Assert.Equal(Environment.ProcessId.ToString(), File.ReadAllText(Path.Combine(_dir.Path, RunLock.OwnerFileName)));
    }

    [Fact]
    public void Temporary_files_of_interrupted_writes_are_deleted_and_nothing_else()
    {
        var run = new RunDirectory(_dir.Path);
        string leftover = Path.Combine(_dir.Path, ".checkpoint.bdck.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(leftover, "half a checkpoint");
        File.WriteAllText(run.ConfigFile, "{}");
        File.WriteAllText(Path.Combine(_dir.Path, "notes.tmp"), "mine");

        run.DeleteInterruptedWrites();

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(run.ConfigFile));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "notes.tmp")));
    }

    [Fact]
    public void Files_of_a_run_are_recognised_wherever_the_run_is()
    {
        var run = new RunDirectory(_dir.File("run"));
        Directory.CreateDirectory(run.Path);
        Assert.False(RunDirectory.IsFileOfARun(run.LogFile));  // no run there yet
        File.WriteAllText(run.ConfigFile, "{}");
        Assert.True(RunDirectory.IsFileOfARun(run.LogFile));
        Assert.True(RunDirectory.IsFileOfARun(run.ModelFile));
        Assert.False(RunDirectory.IsFileOfARun(run.SamplesFile));  // sample may write a run's samples.npy
    }
}
