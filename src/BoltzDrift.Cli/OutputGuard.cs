using System.CommandLine;
using BoltzDrift.Cli.Output;
using BoltzDrift.IO;

namespace BoltzDrift.Cli;

/// <summary>
/// Checks where a command is about to write before it does any work, so that nothing is lost by surprise and
/// no computation is wasted on an output that cannot be written: an existing file or run is replaced only with
/// <c>--force</c>; a command never writes over one of its own inputs, nor over the files of a run; the folder
/// must exist and be writable.
/// </summary>
internal static class OutputGuard
{
    /// <summary>The <c>--force</c> flag of a command that writes.</summary>
    public static Option<bool> CreateForceOption(string what) => new("--force") { Description = $"Replace {what} if it exists (default: refuse)." };

    /// <summary>Checks that <paramref name="path"/>, given as <paramref name="option"/>, may be written.</summary>
    /// <param name="inputs">The files and folders the command reads: never written over, whatever <paramref name="force"/> says.</param>
    /// <exception cref="ArgumentException">It may not; the message says why and what to do.</exception>
    public static void CheckFile(string path, string option, bool force, params string?[] inputs)
    {
        string full = Path.GetFullPath(path);
        foreach (string input in inputs.OfType<string>())
        {
            string inputFull = Path.GetFullPath(input).TrimEnd(Path.DirectorySeparatorChar);
            if (SamePath(full, inputFull))
                throw new ArgumentException($"{option}: '{path}' is also this command's input; write the output to another file.");
        }
        if (Directory.Exists(full))
            throw new ArgumentException($"{option}: '{path}' is a folder; give a file name.");
        if (RunDirectory.IsFileOfARun(full))
            throw new ArgumentException($"{option}: '{path}' belongs to the training run in '{Path.GetDirectoryName(path)}'; write the output elsewhere.");
        if (File.Exists(full) && !force)
            throw new ArgumentException($"{option}: '{path}' exists; pass --force to replace it, or choose another name.");
        CheckWritableFolder(Path.GetDirectoryName(full)!, option);
    }

    /// <summary>Checks that an output folder either exists as a writable folder or can be created; creates it.</summary>
    public static void CreateFolder(string folder, string option)
    {
        if (File.Exists(folder))
            throw new ArgumentException($"{option}: '{folder}' is a file, not a folder.");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ArgumentException($"{option}: cannot create the folder '{folder}': {e.Message}", e);
        }
        CheckWritableFolder(Path.GetFullPath(folder), option);
    }

    /// <summary>
    /// Takes <paramref name="run"/> for a new training run: creates its folder, locks it (one writer at a time), and
    /// checks what is in it. A folder with a resumable run (a checkpoint or model) or with files that are not a
    /// run's is refused unless <paramref name="force"/>, which deletes the earlier run's files; a run that stopped
    /// before its first checkpoint is simply started again, since it holds nothing to resume.
    /// </summary>
    /// <returns>The lock, to hold until training ends.</returns>
    public static RunLock TakeNewRun(RunDirectory run, string option, bool force, CommandOutput output)
    {
        CreateFolder(run.Path, option);
        var runLock = RunLock.Acquire(run.Path);
        try
        {
            if (run.HasCheckpoint || (!run.HoldsRun && run.Entries().Any()))
            {
                if (!force)
                    throw new ArgumentException(run.HasCheckpoint
                        ? $"{option}: '{run.Path}' already holds a run; continue it with `train --resume`, pass --force to replace it, or choose another directory."
                        : $"{option}: '{run.Path}' is not empty and holds no run; pass --force to write a run into it anyway, or choose another directory.");
                output.Warning($"--force: replacing the run files in {run.Path}");
            }
            else if (run.HoldsRun)
                output.Status($"{run.Path} holds a run that stopped before its first checkpoint; starting it again");
            run.DeleteRunFiles();
            run.DeleteInterruptedWrites();
            return runLock;
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    /// <summary>Fails now, with one line, if files cannot be created in <paramref name="folder"/>, rather than after the work.</summary>
    private static void CheckWritableFolder(string folder, string option)
    {
        if (!Directory.Exists(folder))
            throw new ArgumentException($"{option}: the folder '{folder}' does not exist.");
        string probe = Path.Combine(folder, $".boltzdrift-write-check-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ArgumentException($"{option}: cannot write in '{folder}' ({e.GetType().Name.Replace("Exception", "")}).", e);
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(a, b, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
