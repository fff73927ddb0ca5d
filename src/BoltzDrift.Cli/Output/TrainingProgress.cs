using BoltzDrift.Training;
using Spectre.Console;

namespace BoltzDrift.Cli.Output;

/// <summary>Chooses how training progress is shown for a command's output.</summary>
internal static class TrainingProgress
{
    /// <summary>
    /// Nothing with <c>--quiet</c> or <c>--json</c>; a live bar on an interactive terminal; otherwise
    /// (redirected output) plain lines about once a second.
    /// </summary>
    public static ITrainingProgressView For(CommandOutput output, long totalSteps, long startStep) =>
        !output.ShowsProgress ? NoProgress.Instance
        : output.IsTerminal && AnsiConsole.Profile.Capabilities.Interactive ? new LiveProgressBar(totalSteps, startStep)
        : new ProgressPrinter(output.Out, totalSteps);

    private sealed class NoProgress : ITrainingProgressView, IProgress<StepReport>
    {
        public static readonly NoProgress Instance = new();
        public T Track<T>(Func<IProgress<StepReport>, T> training) => training(this);
        public void Report(StepReport value) { }
    }
}
