using System.Diagnostics;
using System.Globalization;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Output;

/// <summary>
/// Progress for output that is not a terminal (a log file, a pipe, CI): a plain line about once a second
/// and at the last step, with step, loss, |V|, ESS, bandwidths, learning rate, speed and ETA.
/// </summary>
internal sealed class ProgressPrinter(TextWriter output, long totalSteps) : ITrainingProgressView, IProgress<StepReport>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _firstStep = -1;
    private TimeSpan _lastPrint = -Interval;

    public T Track<T>(Func<IProgress<StepReport>, T> training) => training(this);

    public void Report(StepReport r)
    {
        if (_firstStep < 0) _firstStep = r.Step - 1;
        var now = _clock.Elapsed;
        if (now - _lastPrint < Interval && r.Step != totalSteps) return;
        _lastPrint = now;
        double perStep = now.TotalSeconds / Math.Max(1, r.Step - _firstStep);
        var eta = TimeSpan.FromSeconds(perStep * (totalSteps - r.Step));
        var c = CultureInfo.InvariantCulture;
        string bandwidths = string.Join(",", r.Bandwidths.Select(b => b.ToString("G3", c)));
        output.WriteLine(string.Create(c,
            $"{StepReportText.Step(r, totalSteps)}  {StepReportText.Figures(r)}  s {bandwidths}  lr {r.LearningRate:G3}  {perStep * 1000:F1} ms/step  ETA {eta:mm\\:ss}"));
    }
}
