using BoltzDrift.Training;
using Spectre.Console;

namespace BoltzDrift.Cli.Output;

/// <summary>
/// Progress on an interactive terminal: a Spectre.Console bar that redraws in place, with the step, loss,
/// |V| and ESS, the elapsed time and the estimated time remaining.
/// </summary>
internal sealed class LiveProgressBar(long totalSteps, long startStep) : ITrainingProgressView
{
    public T Track<T>(Func<IProgress<StepReport>, T> training) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn { Width = 24 },
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape($"step {startStep,6}/{totalSteps}"), maxValue: totalSteps);
                task.Value = startStep;
                return training(new TaskUpdater(task, totalSteps));
            });

    /// <summary>
    /// Moves the bar on each step. Synchronous on purpose: <see cref="Progress{T}"/> would post reports to
    /// the thread pool, where they could arrive after the bar has finished.
    /// </summary>
    private sealed class TaskUpdater(ProgressTask task, long totalSteps) : IProgress<StepReport>
    {
        public void Report(StepReport r)
        {
            task.Description = Markup.Escape($"{StepReportText.Step(r, totalSteps)}  {StepReportText.Figures(r)}");
            task.Value = r.Step;
        }
    }
}
