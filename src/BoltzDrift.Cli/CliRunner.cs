using System.CommandLine;
using BoltzDrift.Training;

namespace BoltzDrift.Cli;

/// <summary>
/// Runs a command body and turns the errors a user can cause (bad option values, unreadable files,
/// a diverging run) into one line on stderr and a non-zero exit code, instead of a stack trace.
/// </summary>
internal static class CliRunner
{
    public const int UserError = 2;
    public const int Diverged = 3;
    public const int EnergyFailed = 4;
    public const int Cancelled = 130;

    /// <summary>Runs <paramref name="body"/>, reporting errors on the invocation's error writer.</summary>
    public static int Run(ParseResult r, Func<CancellationToken, int> body)
    {
        var error = r.InvocationConfiguration.Error;
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return body(cancel.Token);
        }
        catch (Exception e) when (Unwrap(e) is ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException or NotSupportedException or FormatException)
        {
            error.WriteLine($"error: {Unwrap(e).Message}");
            return UserError;
        }
        catch (Exception e) when (Unwrap(e) is TrainingDivergedException)
        {
            error.WriteLine($"error: {Unwrap(e).Message}");
            return Diverged;
        }
        catch (Exception e) when (Unwrap(e) is Interop.Energies.EnergyFailedException)
        {
            error.WriteLine($"error: {Unwrap(e).Message}");
            return EnergyFailed;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled: the last checkpoint in the run directory is intact; continue with --resume.");
            return Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Parallel loops wrap exceptions; the user needs the first real one.</summary>
    internal static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: > 0 } a ? Unwrap(a.InnerExceptions[0]) : e;
}
