namespace BoltzDrift.IO;

/// <summary>
/// Writes files so that readers never see a half-written one: the content goes to a temporary file in the
/// same folder (same file system, so the final rename is atomic), which then replaces the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>The names of the temporary files, as a search pattern: ".NAME.GUID.tmp".</summary>
    public const string TemporaryPattern = ".*.*.tmp";

    /// <summary>Creates or replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8, no byte-order mark).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>Creates or replaces <paramref name="path"/> with what <paramref name="write"/> puts in the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw;
        }
    }
}
