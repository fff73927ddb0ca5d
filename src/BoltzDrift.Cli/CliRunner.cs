using System.CommandLine;
using System.Runtime.InteropServices;
using BoltzDrift.Energies.Expressions;
using BoltzDrift.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Cli;

/// <summary>
/// Runs a command body and turns every failure into one line on stderr and a documented exit code, never a
/// stack trace. The codes (README, "Errors"): 0 success; 1 a reference set was written but failed a mixing
/// check; 2 bad input (options, files, paths, a locked run directory, sizes beyond what fits in memory);
/// 3 training diverged or the energy is degenerate; 4 an internal error (a bug: please report it);
/// 130 interrupted by Ctrl-C (SIGINT), 143 stopped by SIGTERM.
/// </summary>
internal static class CliRunner
{
    public const int MixingCheckFailed = 1;
    public const int UserError = 2;
    public const int Diverged = 3;
    public const int InternalError = 4;
    /// <summary>An outside energy (ONNX model or energy process) failed during a run; the last checkpoint is kept.</summary>
    public const int EnergyFailed = 5;
    public const int Interrupted = 130;
    public const int Terminated = 143;

    /// <summary>
    /// Runs a body that stops cleanly when cancelled (training, bench): Ctrl-C and SIGTERM cancel its token
    /// instead of killing the process, and the exit code says which signal it was.
    /// </summary>
    public static int Run(ParseResult r, Func<CancellationToken, int> body)
    {
        using var cancel = new CancellationTokenSource();
        int signalExit = Interrupted;
        void Stop(PosixSignalContext context, int exitCode)
        {
            context.Cancel = true;
            signalExit = exitCode;
            cancel.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, Interrupted));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, Terminated));
        return Guarded(r.InvocationConfiguration.Error, () => body(cancel.Token), () => signalExit);
    }

    /// <summary>Runs a body that has nothing to stop cleanly (it writes its output atomically at the end): signals keep their default effect.</summary>
    public static int Run(ParseResult r, Func<int> body) => Guarded(r.InvocationConfiguration.Error, body, () => Interrupted);

    private static int Guarded(TextWriter error, Func<int> body, Func<int> cancelledExit)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            var cause = Unwrap(e);
            if (cause is OperationCanceledException)
            {
                error.WriteLine(cause is TrainingCancelledException ? $"cancelled: {cause.Message}" : "cancelled: nothing was written.");
                return cancelledExit();
            }
            var (code, message) = Describe(cause);
            error.WriteLine($"error: {OneLine(message)}");
            return code;
        }
    }

    /// <summary>The exit code and message for an exception that ended a command.</summary>
    private static (int Code, string Message) Describe(Exception e) => e switch
    {
        TrainingDivergedException or DegenerateEnergyException => (Diverged, e.Message),
        Interop.Energies.EnergyFailedException => (EnergyFailed, e.Message),
        ExpressionParseException => (UserError, $"--energy: {e.Message}"),
        ArgumentException a => (UserError, WithoutParameterName(a)),
        InvalidDataException or FormatException or NotSupportedException or FileNotFoundException or DirectoryNotFoundException or RunDirectoryBusyException => (UserError, e.Message),
        UnauthorizedAccessException => (UserError, $"permission denied: {e.Message}"),
        PathTooLongException or IOException => (UserError, e.Message),
        OverflowException => (UserError, "a size is too large: some array would exceed 2^31 elements (lower --width, --layers, --batch, --dim or --count)."),
        // Raised where an energy of -∞ makes exp(-E) unnormalisable, in the pilot or the drift: the energy's fault.
        ArithmeticException and not DivideByZeroException => (Diverged, $"the energy cannot define a distribution: {e.Message}"),
        OutOfMemoryException or InsufficientExecutionStackException => (UserError, "out of memory: lower --width, --layers, --batch, --dim or --count."),
        _ => (InternalError, $"internal error ({e.GetType().Name}): {e.Message} Please report it with the command that caused it."),
    };

    /// <summary>.NET appends " (Parameter 'x')" to argument exceptions: a name from the code, not from the command line.</summary>
    private static string WithoutParameterName(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    /// <summary>Messages of the runtime can span lines (probed paths, actual values); the error is one line.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Parallel loops wrap exceptions; the user needs the first real one.</summary>
    internal static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: > 0 } a ? Unwrap(a.InnerExceptions[0]) : e;
}
