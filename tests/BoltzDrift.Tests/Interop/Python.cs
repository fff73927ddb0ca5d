using System.Collections.Concurrent;
using System.Diagnostics;

namespace BoltzDrift.Tests.Interop;

/// <summary>Finds a Python 3 interpreter with given modules: the one on PATH, else Debian's /usr/bin/python3 (where .ci/run installs NumPy).</summary>
internal static class Python
{
    private static readonly ConcurrentDictionary<string, string?> Found = new();

    /// <summary>An interpreter that imports every one of <paramref name="modules"/>, or null when there is none.</summary>
    public static string? With(params string[] modules) =>
        Found.GetOrAdd(string.Join(",", modules), _ => new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(python => Imports(python, modules)));

    /// <summary>The python/ folder of the repository (boltzdrift_energy.py and the example servers).</summary>
    public static string Folder => Path.Combine(Docs.RepositoryRoot.Path, "python");

    /// <summary>Runs <paramref name="script"/> in <paramref name="workingDirectory"/>; returns the exit code and stderr.</summary>
    public static (int Exit, string Error) Run(string python, string script, string workingDirectory)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Result);
    }

    private static bool Imports(string python, string[] modules)
    {
        try
        {
            var info = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(modules.Length == 0 ? "pass" : "import " + string.Join(", ", modules));
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;  // no such interpreter
        }
    }
}
