using BoltzDrift.Training;

namespace BoltzDrift.Cli.Output;

/// <summary>Shows the progress of a training run while it executes.</summary>
internal interface ITrainingProgressView
{
    /// <summary>Runs <paramref name="training"/>, handing it the sink for its step reports, and returns its result.</summary>
    T Track<T>(Func<IProgress<StepReport>, T> training);
}
