using System.Globalization;

namespace BoltzDrift.IO;

/// <summary>
/// Thrown when another process holds the <see cref="RunLock"/> of a run directory.
/// </summary>
public sealed class RunDirectoryBusyException(string directory, int? ownerProcessId)
    : IOException($"'{directory}' is in use by another boltzdrift process{(ownerProcessId is { } id ? $" (process id {id})" : "")}; " +
                  "wait for it to finish, stop it, or choose another directory.")
{
    /// <summary>The process id recorded by the holder, if it could be read.</summary>
    public int? OwnerProcessId { get; } = ownerProcessId;
}

/// <summary>
/// One writer per run directory: an exclusive OS lock on <c>.lock</c> in the folder, held for as long as this
/// object lives. The operating system drops the lock when the process ends, however it ends (even kill -9), so a
/// crash never leaves a folder locked. The holder's process id goes into <c>.lock.pid</c>, a separate file,
/// because the locked file itself cannot be opened by anyone else, not even for reading.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name inside the run directory.</summary>
    public const string FileName = ".lock";

    /// <summary>The file holding the lock holder's process id.</summary>
    public const string OwnerFileName = ".lock.pid";

    private readonly FileStream _stream;
    private readonly string _ownerFile;

    private RunLock(FileStream stream, string ownerFile)
    {
        _stream = stream;
        _ownerFile = ownerFile;
    }

    /// <summary>Takes the lock of <paramref name="directory"/> (which must exist) or fails at once.</summary>
    /// <exception cref="RunDirectoryBusyException">Another process (or another lock in this one) holds it.</exception>
    public static RunLock Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        string ownerFile = Path.Combine(directory, OwnerFileName);
        FileStream stream;
        try
        {
            // FileShare.None takes an exclusive flock on Unix and a sharing lock on Windows; both die with the process.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new RunDirectoryBusyException(directory, ReadOwner(ownerFile));
        }
        try
        {
            AtomicFile.WriteAllText(ownerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new RunLock(stream, ownerFile);
    }

    private static int? ReadOwner(string ownerFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Releases the lock. The lock file stays: deleting it would let a late opener lock a file no one else sees.</summary>
    public void Dispose()
    {
        try { File.Delete(_ownerFile); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        _stream.Dispose();
    }
}
